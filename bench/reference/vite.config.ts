/**
 * Builds the benchmark's reference page (MapLibre alone) into bench/.work/reference. It fetches the basemap,
 * fonts and plan features from the paths the site serves them at; the benchmark serves those from build/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  // The page shares the site's map modules, which import each other as `$lib/…`.
  resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../.work/reference', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: false,
    // As the site's build: each file names its source map (a comment the page downloads with the code).
    sourcemap: true,
    chunkSizeWarningLimit: 2000
  }
});
