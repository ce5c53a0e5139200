import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Several tests run the real data pipeline (geometry validation over every feature), which takes
    // seconds on a loaded 2-core CI machine; 5 s is too tight for that, not a sign of a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
