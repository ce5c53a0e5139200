import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const noLoaders = fileURLToPath(new URL('./src/lib/map/no-loaders.ts', import.meta.url));

export default defineConfig({
  plugins: [sveltekit()],
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
