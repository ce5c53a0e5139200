// Finds the Chromium the end-to-end tests drive; the tests never download a browser of their own.
import { existsSync } from 'node:fs';

/**
 * Flags for headless Chromium here: software WebGL2 (SwiftShader) and a closed network, so nothing beyond
 * localhost is ever contacted. Shared by the end-to-end tests and the benchmark.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader'
];

/** The Chromium executable: $CHROMIUM_PATH when set, else Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = findChromium();
  if (!path) {
    console.error(
      [
        'No Chromium found for the end-to-end tests.',
        'Install it from your system packages, e.g. on Debian/Ubuntu:',
        '  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk',
        'or point CHROMIUM_PATH at an existing Chromium or Chrome binary:',
        '  CHROMIUM_PATH=/path/to/chrome npm test'
      ].join('\n')
    );
    process.exit(1);
  }
  console.log(`e2e: using Chromium at ${path}`);
}
