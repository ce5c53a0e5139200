/**
 * Zipped Shapefiles: the archive is opened with the checks of zip.ts, then each .shp is read with shpjs's
 * record parsers (never shpjs's own unzip, which hangs on a cut-off archive), with its .dbf attributes in
 * the encoding its .cpg names — or, with no .cpg, UTF-8 when the bytes are valid UTF-8 and GBK otherwise —
 * and its .prj read in crs.ts.
 */
import { parseDbf, parseShp } from 'shpjs';
import { readPrj } from '../crs';
import { ImportFailure } from '../failure';
import { SkipLog } from '../normalise';
import type { Budget } from '../types';
import { readZip } from '../zip';
import type { Parsed, ParsedLayer } from './parsed';

/** A WHATWG encoding label for a .cpg's content ("UTF-8", "936", "GBK", "ANSI 936", "CP936" …). */
export function cpgLabel(cpg: string | undefined): string | undefined {
  if (!cpg) return undefined;
  const c = cpg
    .trim()
    .toLowerCase()
    .replace(/^ansi\s*/, '');
  if (/^(utf-?8|65001)$/.test(c)) return 'utf-8';
  if (/^(cp)?936$|^gbk$|^gb2312$|^gb18030$|^54936$/.test(c)) return 'gb18030';
  if (/^(cp)?950$|^big5$/.test(c)) return 'big5';
  try {
    new TextDecoder(c);
    return c;
  } catch {
    return undefined;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function parseShapefileZip(bytes: Uint8Array, file: string, name: string, budget: Budget): Parsed {
  const entries = readZip(bytes, (n) => !n.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(n), budget);
  const byBase = new Map<string, Record<string, Uint8Array>>();
  for (const [entry, data] of Object.entries(entries)) {
    const dot = entry.lastIndexOf('.');
    const base = entry.slice(0, dot);
    const ext = entry.slice(dot + 1).toLowerCase();
    const group = byBase.get(base) ?? {};
    group[ext] = data;
    byBase.set(base, group);
  }
  const shapes = [...byBase].filter(([, g]) => g.shp);
  if (!shapes.length) throw new ImportFailure('zip-missing', { what: '.shp' });
  let encoding: string | undefined;
  const layers: ParsedLayer[] = shapes.map(([base, g]) => {
    const entry = `${base}.shp`;
    // The header gives the file's length in 16-bit words; shpjs stops quietly at the end of a shorter file.
    const shp = g.shp!;
    const declared =
      shp.length >= 28
        ? new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(24, false) * 2
        : -1;
    if (declared !== shp.length) {
      throw new ImportFailure(
        declared > shp.length ? 'truncated' : 'malformed',
        { format: 'Shapefile', detail: `${shp.length} bytes where the header gives ${declared}` },
        { entry }
      );
    }
    let geometries: unknown[];
    try {
      geometries = parseShp(g.shp!) as unknown[];
    } catch (error) {
      throw new ImportFailure(
        'malformed',
        { format: 'Shapefile', detail: error instanceof Error ? error.message : String(error) },
        { entry }
      );
    }
    let records: Record<string, unknown>[] = [];
    if (g.dbf) {
      const cpg = g.cpg ? new TextDecoder().decode(g.cpg) : undefined;
      const label = cpgLabel(cpg) ?? (isUtf8(g.dbf) ? 'utf-8' : 'gb18030');
      encoding ??= label;
      try {
        records = parseDbf(g.dbf, label) as Record<string, unknown>[];
      } catch (error) {
        throw new ImportFailure(
          'malformed',
          { format: 'dBase', detail: error instanceof Error ? error.message : String(error) },
          { entry: `${base}.dbf` }
        );
      }
    }
    const prj = g.prj ? readPrj(new TextDecoder().decode(g.prj)) : undefined;
    const layerName = shapes.length === 1 ? name : base.split('/').pop()!;
    return {
      name: layerName,
      prj,
      log: new SkipLog(file),
      raw: geometries.map((geometry, i) => ({
        feature: { type: 'Feature', properties: records[i] ?? {}, geometry },
        where: { entry, feature: i }
      }))
    };
  });
  return { format: 'shapefile', encoding, layers };
}
