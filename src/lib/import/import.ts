/**
 * The importer: named files in, layers in WGS-84 or structured errors out. Each file either imports whole
 * (its good features, with a count of the skipped ones and why) or fails with one error; nothing of a
 * failed file is returned. Synchronous and pure apart from the injected XML parser, so it runs the same in
 * the worker (import.worker.ts) and in Node tests.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { isLonLat, projectedCandidates, toWgs84, type ToWgs84, type XY } from './crs';
import { decodeText } from './encoding';
import { ImportFailure } from './failure';
import { parseCsv } from './formats/csv';
import { parseJsonLayers } from './formats/json';
import type { Parsed, ParsedLayer } from './formats/parsed';
import { parseShapefileZip } from './formats/shapefile';
import { parseGpx, parseKml } from './formats/xml';
import { describe, formatBytes } from './messages';
import { normalise, positions } from './normalise';
import { suggestDatum } from './offset';
import {
  DEFAULT_BUDGET,
  type Budget,
  type CrsReport,
  type Datum,
  type ImportError,
  type ImportFile,
  type ImportLayer,
  type ImportOptions,
  type ImportResult
} from './types';
import { looksLikeZip, readZip } from './zip';
import { mapPositions } from '../geo/map-positions';

const EXTENSIONS = ['geojson', 'json', 'topojson', 'kml', 'kmz', 'gpx', 'csv', 'tsv', 'txt', 'zip'] as const;

function splitName(file: string): { base: string; ext: string } {
  const leaf = file.split(/[\\/]/).pop() ?? file;
  const dot = leaf.lastIndexOf('.');
  return dot > 0
    ? { base: leaf.slice(0, dot), ext: leaf.slice(dot + 1).toLowerCase() }
    : { base: leaf, ext: '' };
}

/** Binary formats that are clearly not geodata, named for the wrong-type message. */
function binaryKind(bytes: Uint8Array): string | null {
  const sig = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (sig(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (sig(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (sig(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (sig(0x1f, 0x8b)) return 'gzip data';
  if (sig(0x52, 0x61, 0x72, 0x21)) return 'a RAR archive';
  if (sig(0x37, 0x7a, 0xbc, 0xaf)) return 'a 7z archive';
  return null;
}

const FORMAT_NAMES: Record<string, string> = {
  geojson: 'GeoJSON',
  json: 'GeoJSON',
  topojson: 'TopoJSON',
  kml: 'KML',
  kmz: 'KMZ',
  gpx: 'GPX',
  csv: 'CSV',
  tsv: 'CSV',
  txt: 'CSV',
  zip: 'a zipped Shapefile'
};

function parse(file: ImportFile, options: ImportOptions, budget: Budget): Parsed {
  const { bytes, name: fileName } = file;
  const { base, ext } = splitName(fileName);
  const size = file.size ?? bytes.length;
  if (size > budget.maxBytes) {
    throw new ImportFailure('too-large', {
      size: formatBytes(size),
      limit: formatBytes(budget.maxBytes)
    });
  }
  if (!bytes.length) throw new ImportFailure('empty');
  if (!(EXTENSIONS as readonly string[]).includes(ext))
    throw new ImportFailure('unsupported', { ext: ext ? `.${ext}` : 'no extension' });
  const format = FORMAT_NAMES[ext]!;
  const binary = binaryKind(bytes);
  if (binary) throw new ImportFailure('wrong-type', { format, detail: binary });
  const zip = looksLikeZip(bytes);
  if (ext === 'zip' || ext === 'kmz') {
    if (!zip) throw new ImportFailure('wrong-type', { format, detail: 'not a zip archive' });
    if (ext === 'zip') return parseShapefileZip(bytes, fileName, base, budget);
    const entries = readZip(bytes, (n) => /\.kml$/i.test(n) && !n.includes('__MACOSX'), budget);
    const names = Object.keys(entries);
    const entry =
      names.find((n) => n.toLowerCase() === 'doc.kml') ?? names.find((n) => !n.includes('/')) ?? names[0];
    if (!entry) throw new ImportFailure('zip-missing', { what: '.kml' });
    const { text, encoding } = withEntry(() => decodeText(entries[entry]!), entry);
    return {
      ...withEntry(() => parseKml(text, fileName, base, options.parseXml, budget, entry), entry),
      encoding
    };
  }
  if (zip) throw new ImportFailure('wrong-type', { format, detail: 'a zip archive' });
  const { text, encoding } = decodeText(bytes);
  if (!text.trim()) throw new ImportFailure('empty');
  const head = text.trimStart().slice(0, 1);
  let parsed: Parsed;
  switch (ext) {
    case 'geojson':
    case 'json':
    case 'topojson':
      if (head === '<') throw new ImportFailure('wrong-type', { format, detail: 'the text is XML' });
      parsed = parseJsonLayers(text, fileName, base, budget, ext === 'topojson' ? 'topojson' : 'any');
      break;
    case 'kml':
      if (head !== '<') throw new ImportFailure('wrong-type', { format, detail: 'the text is not XML' });
      parsed = parseKml(text, fileName, base, options.parseXml, budget);
      break;
    case 'gpx':
      if (head !== '<') throw new ImportFailure('wrong-type', { format, detail: 'the text is not XML' });
      parsed = parseGpx(text, fileName, base, options.parseXml, budget);
      break;
    default:
      if (head === '<' || head === '{')
        throw new ImportFailure('wrong-type', {
          format,
          detail: head === '<' ? 'the text is XML' : 'the text is JSON'
        });
      parsed = parseCsv(text, fileName, base, budget);
  }
  return { ...parsed, encoding };
}

/** Runs `f`, adding the zip entry to the place of any failure it throws. */
function withEntry<T>(f: () => T, entry: string): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof ImportFailure)
      throw new ImportFailure(error.code, error.params, { ...error.where, entry });
    throw error;
  }
}

/** Share of pairs outside longitude/latitude range above which a layer is taken as projected. */
const PROJECTED_SHARE = 0.5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

/** The system a layer is read in, and the function taking it to WGS-84. */
function chooseCrs(layer: ParsedLayer, options: ImportOptions): { crs: CrsReport; convert: ToWgs84 } {
  if (options.swapXY) {
    const chosen = chooseCrs(layer, { ...options, swapXY: false });
    return { crs: { ...chosen.crs, swapXY: true }, convert: ([x, y]) => chosen.convert([y, x]) };
  }
  if (options.crs) {
    const detected = layer.prj?.detected ?? layer.declared ?? options.crs;
    return { crs: { detected, applied: options.crs, source: 'option' }, convert: toWgs84(options.crs) };
  }
  if (layer.prj) {
    const { detected } = layer.prj;
    const applied = detected === 'projected' ? 'prj' : detected;
    return { crs: { detected, applied, source: 'prj', name: layer.prj.name }, convert: layer.prj.convert };
  }
  if (layer.declared) {
    return {
      crs: { detected: layer.declared, applied: layer.declared, source: 'file' },
      convert: toWgs84(layer.declared)
    };
  }
  let total = 0;
  const outside: XY[] = [];
  for (const { feature } of layer.raw) {
    for (const p of positions((feature as { geometry?: unknown } | null)?.geometry)) {
      total++;
      if (!isLonLat(p)) outside.push(p);
    }
  }
  if (total && outside.length / total > PROJECTED_SHARE) {
    const sample: XY = [median(outside.map((p) => p[0])), median(outside.map((p) => p[1]))];
    // Chinese survey tables often give X as the northing and Y as the easting: try the pair both ways.
    const candidates = [
      ...projectedCandidates(sample),
      ...projectedCandidates([sample[1], sample[0]]).map((c) => `${c} (x/y swapped)`)
    ];
    throw new ImportFailure('projected-unknown', {
      candidates: candidates.length ? candidates.join(', ') : 'none of the known systems',
      x: sample[0],
      y: sample[1]
    });
  }
  return { crs: { detected: 'WGS84', applied: 'WGS84', source: 'default' }, convert: toWgs84('WGS84') };
}

/** The name a feature carries, for matching against station names. */
function featureName(f: Feature): string | undefined {
  const p = f.properties ?? {};
  for (const key of ['name', 'Name', 'NAME', '名称', '站名', 'name_zh', 'title', '站点']) {
    const v = p[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

function importOne(file: ImportFile, options: ImportOptions, budget: Budget): ImportLayer[] {
  const parsed = parse(file, options, budget);
  return parsed.layers.map((layer) => {
    const { crs, convert } = chooseCrs(layer, options);
    const features = normalise(layer.raw, convert, budget, layer.log);
    if (!features.length) throw new ImportFailure('no-features', { skipped: layer.log.skipped.total });
    if (options.stations?.length && crs.applied === 'WGS84') {
      // Only where the coordinates were taken as they are: then the features hold the file's own values.
      const points = features.flatMap((f) =>
        f.geometry.type === 'Point'
          ? [{ name: featureName(f), lonlat: f.geometry.coordinates.slice(0, 2) as XY }]
          : []
      );
      const suggestion = suggestDatum(points, options.stations);
      if (suggestion?.likely && suggestion.likely !== 'WGS84') crs.suggested = suggestion;
    }
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    return {
      name: layer.name,
      file: file.name,
      format: parsed.format,
      ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
      features: fc,
      crs,
      skipped: layer.log.skipped
    };
  });
}

/** An ImportError for `file` from anything thrown while importing it. */
export function toImportError(file: string, error: unknown): ImportError {
  if (error instanceof ImportFailure) {
    return {
      file,
      code: error.code,
      ...(error.where ? { where: error.where } : {}),
      params: error.params,
      message: describe(file, error.code, error.where, error.params)
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  // A RangeError out of a DataView is a binary file that ends before its records do.
  const code = error instanceof RangeError ? 'truncated' : 'internal';
  return { file, code, params: { detail }, message: describe(file, code, undefined, { detail }) };
}

/** Imports one file: its layers, or the one error that stopped it. */
export function importFile(
  file: ImportFile,
  options: ImportOptions
): { layers: ImportLayer[] } | { error: ImportError } {
  const budget: Budget = { ...DEFAULT_BUDGET, ...options.budget };
  try {
    return { layers: importOne(file, options, budget) };
  } catch (error) {
    return { error: toImportError(file.name, error) };
  }
}

/** Imports several files; each succeeds or fails on its own. */
export function importFiles(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const result: ImportResult = { layers: [], errors: [] };
  for (const file of files) {
    const one = importFile(file, options);
    if ('error' in one) result.errors.push(one.error);
    else result.layers.push(...one.layers);
  }
  return result;
}

/** A layer's features read again as if the file had been in `datum` (for showing a suggestion beside the import). */
export function reinterpret(fc: FeatureCollection, datum: Datum): FeatureCollection {
  const convert = toWgs84(datum);
  const pos = (p: Position): Position => {
    const [lon, lat] = convert([p[0]!, p[1]!]);
    return p.length > 2 ? [lon, lat, p[2]!] : [lon, lat];
  };
  const geom = (g: Geometry): Geometry => mapPositions(g, pos);
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ ...f, geometry: f.geometry && geom(f.geometry) }))
  };
}
