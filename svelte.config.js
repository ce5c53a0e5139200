import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './csp.config.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Every component of the site is written in runes mode; saying so for all of them (a component with no
  // runes would otherwise compile in legacy mode) keeps Svelte's legacy support out of the bundle.
  vitePlugin: {
    dynamicCompileOptions: ({ filename }) => (filename.includes('node_modules') ? undefined : { runes: true })
  },
  kit: {
    // Every page carries the site's Content-Security-Policy as a <meta> tag, with the hash of its inline
    // bootstrap script (see csp.config.js; build/_headers has the same policy as a header).
    csp: { mode: 'hash', directives: CSP_DIRECTIVES },
    // Fully static: every page is prerendered into build/ and served by any static host.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    // The service worker (offline copy) is registered by the briefing page, not by every page's start script.
    serviceWorker: { register: false },
    prerender: {
      // /404 is linked from nowhere: it becomes build/404.html, the page static hosts serve for an
      // address that is not a page.
      entries: ['*', '/404'],
      // On the map page the hash is state (`#map=…&sel=…`), not an element id; any other missing id
      // is a broken link and fails the build.
      handleMissingId: ({ path, id, message }) => {
        if (path === '/' && /(^|&)(map|sel|layers|status|chapter)=/.test(id)) return;
        throw new Error(message);
      }
    }
  }
};

export default config;
