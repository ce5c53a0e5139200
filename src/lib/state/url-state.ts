/**
 * Map page state that lives in the URL hash, beside MapLibre's own `map=zoom/lat/lon` view parameter,
 * so that every view is a link. Pure parse/serialise functions; the page applies them.
 */

export interface HashState {
  /** Selected feature id, or null when nothing is selected. */
  selected: string | null;
}

const FEATURE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Reads our parameters from a location hash such as `#map=11/36.07/120.38&sel=metro-line-3`. */
export function parseHashState(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const sel = params.get('sel');
  return { selected: sel && FEATURE_ID.test(sel) ? sel : null };
}

/** Returns `hash` with our parameters set to `state`, keeping every other parameter (the map view) as it is. */
export function writeHashState(hash: string, state: HashState): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (state.selected) params.set('sel', state.selected);
  else params.delete('sel');
  // MapLibre writes `map=12/36.1/120.4` unescaped; keep slashes readable the same way.
  const text = params.toString().replace(/%2F/gi, '/');
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
