/**
 * Map page state that lives in the URL hash, beside MapLibre's own `map=zoom/lat/lon` view parameter,
 * so that every view is a link. Pure parse/serialise functions; the page applies them.
 *
 *   #map=11/36.07/120.38&sel=metro-line-3&layers=transport,zones&status=operating&chapter=4
 *   #near=120.3826,36.0631&r=3
 *
 * A parameter that is absent means the default (all layers the registry shows, every status, every
 * chapter), so short links stay short.
 */

export interface HashState {
  /** Selected feature id, or null when nothing is selected. */
  selected: string | null;
  /** Visible layer ids, or null for the registry's defaults. */
  layers: readonly string[] | null;
  /** Statuses shown, or null for all. */
  statuses: readonly string[] | null;
  /** Only features named by this chapter's articles, or null for all chapters. */
  chapter: number | null;
  /** The near-me origin, WGS-84 longitude first, or null when near-me is off. */
  near: readonly [number, number] | null;
  /** The near-me radius in kilometres (1–20), or null for the default; only meaningful with `near`. */
  radiusKm: number | null;
}

export const EMPTY_HASH_STATE: HashState = {
  selected: null,
  layers: null,
  statuses: null,
  chapter: null,
  near: null,
  radiusKm: null
};

/** The near-me radius bounds and default, in kilometres. */
export const MIN_RADIUS_KM = 1;
export const MAX_RADIUS_KM = 20;
export const DEFAULT_RADIUS_KM = 3;

/** A radius brought into 1–20 km, to the nearest half kilometre; the default for anything not a number. */
export function clampRadiusKm(km: number): number {
  if (!Number.isFinite(km)) return DEFAULT_RADIUS_KM;
  return Math.min(MAX_RADIUS_KM, Math.max(MIN_RADIUS_KM, Math.round(km * 2) / 2));
}

/** Decimal places of a near-me origin in the URL: 4 is about 10 m, finer than any position needs. */
const ORIGIN_DECIMALS = 4;

/** `lon,lat` as two finite numbers within WGS-84's range, or null. */
function parseOrigin(value: string | null): [number, number] | null {
  if (!value) return null;
  const parts = value.split(',');
  if (parts.length !== 2 || parts.some((part) => part.trim() === '')) return null;
  const [lon, lat] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [lon, lat];
}

/** A radius within 1–20 km, or null for anything else (absent, not a number, out of range). */
function parseRadius(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const km = Number(value);
  return Number.isFinite(km) && km >= MIN_RADIUS_KM && km <= MAX_RADIUS_KM ? km : null;
}

/** Writes a number with at most `decimals` places and no trailing zeros. */
function short(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

function idList(value: string | null): string[] | null {
  if (value === null) return null;
  // An empty list is meaningful: "no layers shown".
  return value === '' ? [] : value.split(',').filter((id) => ID.test(id));
}

/** Reads our parameters from a location hash such as `#map=11.5/36.07/120.38&sel=metro-line-3`. */
export function parseHashState(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const sel = params.get('sel');
  const chapter = Number(params.get('chapter'));
  return {
    selected: sel && ID.test(sel) ? sel : null,
    layers: idList(params.get('layers')),
    statuses: idList(params.get('status')),
    chapter: Number.isInteger(chapter) && chapter >= 1 && chapter <= 12 ? chapter : null,
    near: parseOrigin(params.get('near')),
    radiusKm: parseRadius(params.get('r'))
  };
}

/** Returns `hash` with our parameters set to `state`, keeping every other parameter (the map view) as it is. */
export function writeHashState(hash: string, state: HashState): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const set = (key: string, value: string | null) =>
    value === null ? params.delete(key) : params.set(key, value);
  set('sel', state.selected);
  set('layers', state.layers === null ? null : state.layers.join(','));
  set('status', state.statuses === null ? null : state.statuses.join(','));
  set('chapter', state.chapter === null ? null : String(state.chapter));
  const near = state.near;
  set('near', near === null ? null : `${short(near[0], ORIGIN_DECIMALS)},${short(near[1], ORIGIN_DECIMALS)}`);
  set('r', near === null || state.radiusKm === null ? null : short(state.radiusKm, 1));
  // MapLibre writes `map=12/36.1/120.4` unescaped; keep slashes and commas readable the same way.
  const text = params.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',');
  return text ? `#${text}` : '';
}

/** A map view parsed from MapLibre's hash form, or null when absent or malformed. */
export function parseMapView(hash: string): { zoom: number; lat: number; lon: number } | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('map');
  if (!value) return null;
  const [zoom, lat, lon] = value.split('/').map(Number);
  if (zoom === undefined || lat === undefined || lon === undefined) return null;
  if (![zoom, lat, lon].every(Number.isFinite) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}
