import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Internal links carry the language query and the map's hash state, built by hrefWithLang() with
      // `base` from $app/paths; resolve() only takes bare route ids, so it cannot build these links.
      'svelte/no-navigation-without-resolve': 'off',
      // TypeScript already reports undefined names, and knows global type namespaces such as GeoJSON.
      'no-undef': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      '.cache/',
      'node_modules/',
      'static/',
      'test-results/',
      'playwright-report/',
      'bench/.work/'
    ]
  }
);
