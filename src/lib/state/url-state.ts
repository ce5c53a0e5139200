/**
 * Map page state that lives in the URL hash, beside MapLibre's own `map=zoom/lat/lon` view parameter,
 * so that every view is a link. Pure parse/serialise functions; the page applies them.
 *
 *   #map=11/36.07/120.38&sel=metro-line-3&layers=transport,zones&status=operating&chapter=4
 *   #near=120.3826,36.0631&r=3
 *
 * A parameter that is absent means the default (all layers the registry shows, every status, every
 * chapter), so short links stay short. `readLink` checks every part of a link and says what it ignored.
 */
import { MAX_BOUNDS, MAX_ZOOM, MIN_ZOOM } from '$lib/map/extent';
import { LAYER_IDS } from '$lib/plan/layer-ids';
import { STATUSES } from '$lib/plan/vocabulary';

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
/** Decimal places of the radius (km), the zoom and the view's centre (8 is about 1 mm, MapLibre's finest). */
const RADIUS_DECIMALS = 1;
const ZOOM_DECIMALS = 2;
const CENTRE_DECIMALS = 8;

/** The plan has 12 chapters. */
export const CHAPTER_COUNT = 12;

/** Writes a number with at most `decimals` places and no trailing zeros. */
function short(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** `value` rounded to `decimals` places, as `short` writes it (so what is read is what is written). */
function round(value: number, decimals: number): number {
  return Number(short(value, decimals));
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
/** Longer than any feature id: a longer one is garbage. */
const MAX_ID_LENGTH = 100;

/** A plain decimal number: no hexadecimal, exponent, spaces, `Infinity` or empty string. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A decimal number that is finite, or null. */
function decimal(text: string): number | null {
  if (text.length > 40 || !DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const [[WEST, SOUTH], [EAST, NORTH]] = MAX_BOUNDS;

/** Whether a point lies within the area the map can show. */
export function withinMap(lon: number, lat: number): boolean {
  return lon >= WEST && lon <= EAST && lat >= SOUTH && lat <= NORTH;
}

/** A map view in MapLibre's hash form, `map=zoom/lat/lon`. */
export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

/** The parameters a link may carry, in the order they are written. */
export const LINK_FIELDS = ['map', 'sel', 'layers', 'status', 'chapter', 'near', 'r'] as const;

/**
 * A part of a link that was not used as it stood: `dropped` (ignored) or `clamped` (brought into range, to
 * `to`). `field` and `value` are the link's own text, shortened; they are shown to the reader as text.
 */
export interface LinkIssue {
  field: string;
  value: string;
  action: 'dropped' | 'clamped';
  to?: string;
}

/** What a link's hash says, every part checked; `hash` is the same state written back in canonical form. */
export interface LinkReading {
  state: HashState;
  view: MapView | null;
  issues: LinkIssue[];
  hash: string;
}

/** At most this many characters of a bad part are quoted back. */
const QUOTE_LENGTH = 40;

function quote(text: string): string {
  return text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text;
}

/**
 * Reads a map page link's hash: every parameter checked, and nothing in it trusted. Numbers must be plain
 * decimals and finite; the zoom is brought within the map's range, a centre or near-me origin outside the
 * area the map shows is dropped, the radius is brought within 1–20 km; layers and statuses must be known
 * ones, the chapter a decimal 1–12, the selection an id's shape (whether such a feature exists is the page's
 * to say). Unknown and repeated parameters are dropped. Each part not used as it stood is an issue. Never
 * throws, for any string.
 */
export function readLink(hash: string): LinkReading {
  const issues: LinkIssue[] = [];
  const drop = (field: string, value: string) =>
    issues.push({ field: quote(field), value: quote(value), action: 'dropped' });
  const clamp = (field: string, value: string, to: string) =>
    issues.push({ field, value: quote(value), action: 'clamped', to });

  const values = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    // `#&&` and a bare `#`: nothing written, nothing to report.
    if (key === '' && value === '') continue;
    if (!(LINK_FIELDS as readonly string[]).includes(key)) drop(key, value);
    else if (values.has(key)) drop(key, value);
    else values.set(key, value);
  }

  let view: MapView | null = null;
  const mapText = values.get('map');
  if (mapText !== undefined) {
    const parts = mapText.split('/');
    const [zoom, lat, lon] = parts.slice(0, 3).map(decimal);
    if (parts.length < 3 || zoom == null || lat == null || lon == null || !withinMap(lon, lat)) {
      drop('map', mapText);
    } else {
      // MapLibre adds a bearing and a pitch when they are not 0; this map neither rotates nor tilts.
      if (parts.length > 3) drop('map', parts.slice(3).join('/'));
      const kept = round(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)), ZOOM_DECIMALS);
      view = { zoom: kept, lat: round(lat, CENTRE_DECIMALS), lon: round(lon, CENTRE_DECIMALS) };
      if (kept !== round(zoom, ZOOM_DECIMALS)) clamp('map', parts.slice(0, 3).join('/'), mapViewText(view));
    }
  }

  let selected: string | null = null;
  const sel = values.get('sel');
  if (sel !== undefined) {
    if (sel.length <= MAX_ID_LENGTH && ID.test(sel)) selected = sel;
    else drop('sel', sel);
  }

  const list = (field: string, known: readonly string[]): string[] | null => {
    const text = values.get(field);
    if (text === undefined) return null;
    // An empty list is meaningful: "none shown".
    if (text === '') return [];
    const asked = text.split(',');
    const unknown = asked.filter((item) => item !== '' && !known.includes(item));
    for (const item of unknown) drop(field, item);
    const kept = [...new Set(asked.filter((item) => known.includes(item)))];
    if (kept.length === 0 && unknown.length === 0) drop(field, text);
    // A list of nothing but garbage is not a request to show nothing: the default applies.
    return kept.length > 0 ? kept : null;
  };
  const layers = list('layers', LAYER_IDS);
  const statuses = list('status', STATUSES);

  let chapter: number | null = null;
  const chapterText = values.get('chapter');
  if (chapterText !== undefined) {
    const n = /^\d{1,3}$/.test(chapterText) ? Number(chapterText) : NaN;
    if (n >= 1 && n <= CHAPTER_COUNT) chapter = n;
    else drop('chapter', chapterText);
  }

  let near: [number, number] | null = null;
  const nearText = values.get('near');
  if (nearText !== undefined) {
    const parts = nearText.split(',').map(decimal);
    const [lon, lat] = parts;
    if (parts.length === 2 && lon != null && lat != null && withinMap(lon, lat))
      near = [round(lon, ORIGIN_DECIMALS), round(lat, ORIGIN_DECIMALS)];
    else drop('near', nearText);
  }

  let radiusKm: number | null = null;
  const radiusText = values.get('r');
  if (radiusText !== undefined) {
    const km = decimal(radiusText);
    // A radius means nothing without an origin.
    if (km === null || near === null) drop('r', radiusText);
    else {
      radiusKm = round(Math.min(MAX_RADIUS_KM, Math.max(MIN_RADIUS_KM, km)), RADIUS_DECIMALS);
      if (radiusKm !== round(km, RADIUS_DECIMALS)) clamp('r', radiusText, short(radiusKm, RADIUS_DECIMALS));
    }
  }

  const state: HashState = { selected, layers, statuses, chapter, near, radiusKm };
  return { state, view, issues, hash: writeHashState(view ? `map=${mapViewText(view)}` : '', state) };
}

/** A view as MapLibre writes it: `zoom/lat/lon`. */
function mapViewText(view: MapView): string {
  return `${short(view.zoom, ZOOM_DECIMALS)}/${short(view.lat, CENTRE_DECIMALS)}/${short(view.lon, CENTRE_DECIMALS)}`;
}

/** The `map=` parameter of a hash as it stands, unchecked, or null. */
export function mapParam(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('map');
}

/** Reads our parameters from a location hash such as `#map=11.5/36.07/120.38&sel=metro-line-3`. */
export function parseHashState(hash: string): HashState {
  return readLink(hash).state;
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

/** A map view parsed from MapLibre's hash form (the zoom brought into range), or null when absent or unusable. */
export function parseMapView(hash: string): MapView | null {
  return readLink(hash).view;
}
