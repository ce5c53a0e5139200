/**
 * Makes build/404.html work at any address. Static hosts (GitHub Pages, Netlify, Cloudflare Pages, nginx
 * with `error_page 404 /404.html`…) serve that one file for every address that is not a page, at any depth
 * (`/articles/121`, `/articles/1/`); the site's pages refer to its files relatively (`./_app/…`), which
 * from `/articles/1/` would point into a folder that does not exist. This rewrites those references in
 * 404.html to start from the site's root: `/` by default, or `SITE_BASE` (`SITE_BASE=/plan-map npm run
 * build`) for a site served under a path. Runs after every build (`postbuild`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inlineScripts, scriptHash } from './csp-hash';

const file = 'build/404.html';
const base = (process.env.SITE_BASE ?? '').replace(/\/+$/, '');
if (base && !/^\/[\w\-./]*$/.test(base))
  throw new Error(`SITE_BASE must be a path such as /plan-map, not ${base}`);

function absoluteNotFound(html: string, root: string): string {
  return (
    html
      // href="./_app/…", src="./favicon.svg", import("./_app/…")
      .replace(/(href=|src=|import\()"\.\//g, `$1"${root}/`)
      // SvelteKit's runtime base, worked out from the page's own address in relative mode.
      .replace(/base: new URL\("\.", location\)\.pathname\.slice\(0, -1\)/g, `base: ${JSON.stringify(root)}`)
  );
}

const html = readFileSync(file, 'utf8');
const out = absoluteNotFound(html, base);
const left = out.match(/(href=|src=|import\()"\.\.?\//g);
if (left) throw new Error(`${file}: relative references left after rewriting: ${left.join(', ')}`);
if (!out.includes(`base: ${JSON.stringify(base)}`))
  throw new Error(`${file}: SvelteKit's base was not found to rewrite`);
// The rewritten bootstrap script has a new hash: the page's Content-Security-Policy must allow it, and
// no longer the original.
const before = inlineScripts(html).map(scriptHash);
const after = inlineScripts(out).map(scriptHash);
if (before.length !== 1 || after.length !== 1) throw new Error(`${file}: expected one inline script`);
if (!out.includes(`'${before[0]}'`)) throw new Error(`${file}: the script's hash is not in its CSP`);
writeFileSync(file, out.replace(`'${before[0]}'`, `'${after[0]}'`));
console.log(`${file}: references to the site's files now start from "${base || '/'}"`);
