import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';

// E2E_PORT lets a second run (or a running `npm start`) coexist with the tests.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The tests' tile server (tests/e2e/tile-server.ts), beside the site's port unless told otherwise.
const TILE_PORT = Number(process.env.E2E_TILE_PORT ?? PORT + 10);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    // The briefing page registers a service worker that answers from its offline copy; tests start from the
    // network unless they test the offline copy itself (briefing.spec.ts allows it there).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      // Beyond the shared flags, DNS resolves nothing but localhost.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']
    }
  },
  webServer: {
    // Serves the built site (npm test builds it first) exactly as `npm start` does.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    // The preview server passes /__test-tiles/… on to the tile server (see vite.config.ts).
    env: { E2E_TILE_PORT: String(TILE_PORT) },
    reuseExistingServer: false,
    timeout: 60_000
  }
});
