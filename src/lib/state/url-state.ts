/**
 * Map page state that lives in the URL hash, beside MapLibre's own `map=zoom/lat/lon` view parameter,
 * so that every view is a link. Pure parse/serialise functions; the page applies them.
 *
 *   #map=11/36.07/120.38&sel=metro-line-3&layers=transport,zones&status=operating&chapter=4
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
}

export const EMPTY_HASH_STATE: HashState = { selected: null, layers: null, statuses: null, chapter: null };

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
    chapter: Number.isInteger(chapter) && chapter >= 1 && chapter <= 12 ? chapter : null
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
