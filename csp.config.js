/**
 * The site's Content-Security-Policy, in one place. svelte.config.js gives it to SvelteKit, which writes
 * it into every prerendered page as a <meta> tag with the hashes of that page's inline bootstrap script;
 * scripts/csp-headers.ts writes the same policy as an HTTP header (build/_headers) for hosts that set one,
 * adding `frame-ancestors`, which a <meta> policy cannot carry. tests/unit/csp.test.ts checks that the
 * basemap hosts here are exactly those of src/lib/map/basemaps.ts; the end-to-end suite runs under it.
 */

/** Every origin a street basemap loads tiles from (src/lib/map/basemaps.ts, `TILE_HOSTS`). */
export const TILE_HOSTS = [
  ...Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn`),
  'https://tile.openstreetmap.org'
];

/** @type {Record<string, string[]>} directive → sources, without SvelteKit's script hashes */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  // The site's own modules; SvelteKit adds the sha256 of each page's inline bootstrap script. No eval.
  'script-src': ['self'],
  // Inline style *attributes* are how Svelte writes `style="…"` and how the prerendered HTML carries
  // them; hashing every one is impossible for values computed at run time. CSS cannot run script.
  'style-src': ['self', 'unsafe-inline'],
  // Tiles; blob: for MapLibre's decoded tiles and images drawn for export, data: for small images
  // (QR codes, canvas exports).
  'img-src': ['self', 'data:', 'blob:', ...TILE_HOSTS],
  'font-src': ['self'],
  // Data files, fonts and tiles that MapLibre fetches; blob:/data: for files the user opened.
  'connect-src': ['self', 'data:', 'blob:', ...TILE_HOSTS],
  // MapLibre's worker (same origin), the site's own workers, and workers built from blob: URLs.
  'worker-src': ['self', 'blob:'],
  'child-src': ['self', 'blob:'],
  'manifest-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self']
};

/** Directives only an HTTP header can carry. */
export const HEADER_ONLY_DIRECTIVES = {
  'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes']);

/**
 * One source as it is written in a policy: keywords and hashes quoted, hosts and schemes as they are.
 * @param {string} source
 */
export function quoteSource(source) {
  return KEYWORDS.has(source) || /^(sha256|sha384|sha512|nonce)-/.test(source) ? `'${source}'` : source;
}

/**
 * A policy string from directives.
 * @param {Record<string, string[]>} directives
 */
export function serialisePolicy(directives) {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources.map(quoteSource)].join(' '))
    .join('; ');
}
