/**
 * Writes build/_headers (the Netlify / Cloudflare Pages format) with the site's Content-Security-Policy
 * as an HTTP header, and checks every built page against it. The header is the <meta> policy of
 * csp.config.js plus `frame-ancestors` (which only a header can carry), with the hashes of every page's
 * inline bootstrap script, so it allows nothing a page's own <meta> does not. Runs after every build
 * (`postbuild`); fails the build if a page has an inline script its policy does not allow.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CSP_DIRECTIVES, HEADER_ONLY_DIRECTIVES, serialisePolicy } from '../csp.config.js';
import { inlineScripts, metaPolicy, scriptHash } from './csp-hash';

const BUILD = 'build';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_app' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const hashes = new Set<string>();
const pages = htmlFiles(BUILD);
for (const file of pages) {
  const html = readFileSync(file, 'utf8');
  const policy = metaPolicy(html);
  if (!policy) throw new Error(`${file}: no Content-Security-Policy <meta> tag`);
  if (/unsafe-eval/.test(policy)) throw new Error(`${file}: the policy allows eval`);
  for (const body of inlineScripts(html)) {
    const hash = scriptHash(body);
    if (!policy.includes(`'${hash}'`))
      throw new Error(`${file}: an inline script (${hash}) is not allowed by the page's policy`);
    hashes.add(hash);
  }
}

const directives = {
  ...CSP_DIRECTIVES,
  'script-src': [...CSP_DIRECTIVES['script-src']!, ...[...hashes].sort()],
  ...HEADER_ONLY_DIRECTIVES
};
const headers = [
  '# Written by scripts/csp-headers.ts at build time: the policy of csp.config.js, as a header.',
  '/*',
  `  Content-Security-Policy: ${serialisePolicy(directives)}`,
  '  X-Content-Type-Options: nosniff',
  ''
].join('\n');
writeFileSync(join(BUILD, '_headers'), headers);
console.log(
  `${relative('.', join(BUILD, '_headers'))}: the policy for ${pages.length} pages, ${hashes.size} inline script hashes`
);
