/** Bytes of a first visit: every response by kind and phase (before or after the first map frame), compressed. */
import { compressedSizes, type RequestRecord } from './server';

export type Kind = 'js' | 'css' | 'planData' | 'basemap' | 'fonts' | 'other';
export const KINDS: readonly Kind[] = ['js', 'css', 'planData', 'basemap', 'fonts', 'other'];

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FileBytes extends Bytes {
  path: string;
  kind: Kind;
  /** JS requested before the first map frame is `initial`; after it (the deck.gl overlay), `lazy`. */
  phase: 'initial' | 'lazy';
}

export interface VisitBytes {
  byKind: Record<Kind, Bytes>;
  jsInitial: Bytes;
  jsLazy: Bytes;
  total: Bytes;
  requests: number;
  files: FileBytes[];
}

export const zero = (): Bytes => ({ raw: 0, gzip: 0, brotli: 0 });
export const add = (a: Bytes, b: Bytes) => {
  a.raw += b.raw;
  a.gzip += b.gzip;
  a.brotli += b.brotli;
};
export const kB = (bytes: number) => bytes / 1000;
export const MB = (bytes: number) => bytes / 1e6;

export function kindOf(path: string): Kind {
  if (/\.m?js$/.test(path)) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.startsWith('/data/')) return 'planData';
  if (path.startsWith('/geo/')) return 'basemap';
  if (/\.(woff2?|ttf|otf)$/.test(path) || path.startsWith('/fonts/')) return 'fonts';
  return 'other';
}

/**
 * MapLibre's worker script. It parses every tile, so no map frame with anything on it is drawn without it;
 * but MapLibre starts it on its own thread while it sets up the style, and its request may reach the server
 * a moment after the first draw call (the style's background alone), which marks the first frame. It is
 * counted before the first frame, on both pages, however that race falls.
 */
const MAPLIBRE_WORKER = /\/maplibre-gl-worker[^/]*\.m?js$/;

export function visitBytes(records: readonly RequestRecord[], firstFrameEpoch: number | null): VisitBytes {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, zero()])) as Record<Kind, Bytes>;
  const jsInitial = zero();
  const jsLazy = zero();
  const total = zero();
  const files: FileBytes[] = [];
  for (const record of records) {
    if (record.path.startsWith('/__bench/') || !record.file) continue;
    const sizes = compressedSizes(record.file);
    const kind = kindOf(record.path);
    const phase =
      firstFrameEpoch !== null && record.at > firstFrameEpoch && !MAPLIBRE_WORKER.test(record.path)
        ? 'lazy'
        : 'initial';
    add(byKind[kind], sizes);
    add(total, sizes);
    if (kind === 'js') add(phase === 'initial' ? jsInitial : jsLazy, sizes);
    files.push({ path: record.path, kind, phase, ...sizes });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  return { byKind, jsInitial, jsLazy, total, requests: records.length, files };
}
