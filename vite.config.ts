import { sveltekit } from '@sveltejs/kit/vite';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const BUILD = fileURLToPath(new URL('./build', import.meta.url));

/** Whether a plain static host would find a file for `pathname` in build/ (as `x`, `x.html` or `x/index.html`). */
function staticFileFor(pathname: string): boolean {
  let path: string;
  try {
    path = normalize(join(BUILD, decodeURIComponent(pathname)));
  } catch {
    return false;
  }
  if (!path.startsWith(BUILD)) return false;
  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  return isFile(path) || isFile(`${path}.html`) || isFile(join(path, 'index.html'));
}

/**
 * `vite preview` serves the built site the way a static host does: an address with no file behind it gets
 * build/404.html with status 404, rather than a page rendered on the fly by SvelteKit's preview server
 * (which a static host does not have).
 */
const staticNotFound: Plugin = {
  name: 'static-not-found',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      const pathname = new URL(req.url ?? '/', 'http://site.invalid').pathname;
      const page = join(BUILD, '404.html');
      if (
        (req.method !== 'GET' && req.method !== 'HEAD') ||
        pathname.startsWith(`${TEST_TILES}/`) ||
        staticFileFor(pathname) ||
        !existsSync(page)
      )
        return next();
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(req.method === 'HEAD' ? undefined : readFileSync(page));
    });
  }
};

/**
 * The end-to-end tests' tile server (tests/e2e/tile-server.ts), reached through the preview server under
 * this path: the site's Content-Security-Policy allows tiles from the site itself and the real providers
 * only, so a test server on another port would be refused, as any mirror on another origin would be.
 */
const TEST_TILES = '/__test-tiles';
const testTilePort = process.env.E2E_TILE_PORT;

const noLoaders = fileURLToPath(new URL('./src/lib/map/no-loaders.ts', import.meta.url));

/**
 * Parts of deck.gl that a map drawn by MapLibre never runs, left out of the build (see each stand-in): the
 * globe view, which deck.gl's MapLibre overlay builds only for a globe-projected map, and the map view's
 * camera controller, which deck.gl creates only when it is asked to move the camera itself.
 */
const DECK_STAND_INS: Record<string, string> = {
  './views/globe-view.js': fileURLToPath(new URL('./src/lib/map/no-globe.ts', import.meta.url)),
  '../controllers/map-controller.js': fileURLToPath(
    new URL('./src/lib/map/no-controller.ts', import.meta.url)
  )
};
const deckStandIns: Plugin = {
  name: 'deck-stand-ins',
  enforce: 'pre',
  apply: 'build',
  resolveId(source, importer) {
    if (importer && /@deck\.gl[\\/]core[\\/]/.test(importer)) return DECK_STAND_INS[source];
  }
};

/**
 * luma.gl attaches deck.gl to MapLibre's WebGL context only after a dynamic import of its own device module.
 * That module is in deck.gl's chunk already, but the build reaches it through a separate two-line chunk, and
 * while the basemap loads, each step of fetching and running that chunk waits behind a map frame: deck.gl
 * drew its first frame about a second later than its code arrived. Imported statically, the device is there
 * with deck.gl's chunk. The import goes on the file's first line, so that no line of it moves.
 */
const LUMA_ADAPTER = /@luma\.gl[\\/]webgl[\\/]dist[\\/]adapter[\\/]webgl-adapter\.js$/;
const LUMA_DEVICE_IMPORT = 'await import("./webgl-device.js")';
const lumaDeviceStatic: Plugin = {
  name: 'luma-device-static',
  apply: 'build',
  transform(code, id) {
    if (!LUMA_ADAPTER.test(id)) return;
    if (!code.includes(LUMA_DEVICE_IMPORT))
      this.error(
        `no ${LUMA_DEVICE_IMPORT} left to make static in ${id}: see lumaDeviceStatic in vite.config.ts`
      );
    const statically = 'import * as lumaWebGLDevice from "./webgl-device.js"; ';
    return { code: statically + code.replaceAll(LUMA_DEVICE_IMPORT, 'lumaWebGLDevice'), map: null };
  }
};

export default defineConfig({
  plugins: [sveltekit(), staticNotFound, deckStandIns, lumaDeviceStatic],
  // Source maps ship beside the code, so that an error report's stack and the browser's tools point at the
  // sources. Browsers fetch them only when developer tools are open; a visit never downloads them.
  build: { sourcemap: true },
  preview: testTilePort
    ? {
        proxy: {
          [TEST_TILES]: {
            target: `http://127.0.0.1:${testTilePort}`,
            rewrite: (path) => path.slice(TEST_TILES.length)
          }
        }
      }
    : {},
  // deck.gl's URL and image loaders: never run by this site (see src/lib/map/no-loaders.ts).
  resolve: {
    alias: { '@loaders.gl/core': noLoaders, '@loaders.gl/images': noLoaders },
    // deck.gl's WebGL-only build: the same code with its WebGPU branches removed, and with them luma.gl's
    // GPU compute module, which only those branches use. This site draws through WebGL (MapLibre's context).
    conditions: ['visgl:webgl-only', ...defaultClientConditions]
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Several tests run the real data pipeline (geometry validation over every feature), which takes
    // seconds on a loaded 2-core CI machine; 5 s is too tight for that, not a sign of a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
