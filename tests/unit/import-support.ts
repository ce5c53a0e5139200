/** Shared pieces of the importer's tests: fixtures as ImportFiles, the XML parser, the stations. */
import { readFileSync } from 'node:fs';
import type { ImportFile, Station } from '../../src/lib/import/types';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);

export function fixture(name: string): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) };
}

/** The parser the worker uses (Workers have no DOMParser). */
export { parseXml } from '../../src/lib/import/xml-parser';

/** The operating stations (data/features/metro/operating-stations.csv), one per name. */
export function stations(): Station[] {
  const text = readFileSync(
    new URL('../../data/features/metro/operating-stations.csv', import.meta.url),
    'utf8'
  );
  const [, ...rows] = text.trim().split('\n');
  const seen = new Set<string>();
  const out: Station[] = [];
  for (const row of rows) {
    const [, , name_zh, name_en, lon, lat] = row.split(',');
    if (!name_zh || seen.has(name_zh)) continue;
    seen.add(name_zh);
    out.push({ name_zh, name_en, lonlat: [Number(lon), Number(lat)] });
  }
  return out;
}
