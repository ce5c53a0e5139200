/** The inline scripts of a built page and their CSP hashes, as SvelteKit computes them in 'hash' mode. */
import { createHash } from 'node:crypto';

/** The bodies of the page's inline <script> elements (those without a `src`). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

/** `sha256-…` of a script body, as written in a policy source (without its quotes). */
export function scriptHash(body: string): string {
  return `sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`;
}

/** The content of the page's CSP <meta> tag, or null. */
export function metaPolicy(html: string): string | null {
  return /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)?.[1] ?? null;
}
