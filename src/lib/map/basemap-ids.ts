/**
 * The basemap choices and the checks on what the browser stores about them: small enough for the map
 * page's first download and the layers panel, while the providers themselves (basemaps.ts) load only when
 * a street basemap is drawn.
 */

/** The embedded basemap is always there, offline; a street basemap is drawn over it when chosen. */
export type BasemapId = 'embedded' | StreetProviderId;
export type StreetProviderId = 'tianditu' | 'osm';

export const BASEMAP_IDS: readonly BasemapId[] = ['embedded', 'tianditu', 'osm'];
export const STREET_PROVIDER_IDS: readonly StreetProviderId[] = ['tianditu', 'osm'];

/** Each street provider's name, as the layers panel lists it. */
export const STREET_PROVIDER_NAMES: Readonly<Record<StreetProviderId, { zh: string; en: string }>> = {
  tianditu: { zh: '天地图', en: 'Tianditu' },
  osm: { zh: 'OpenStreetMap', en: 'OpenStreetMap' }
};

/** A stored or typed basemap id, or null when it is not one. */
export function parseBasemapId(value: unknown): BasemapId | null {
  return typeof value === 'string' && (BASEMAP_IDS as readonly string[]).includes(value)
    ? (value as BasemapId)
    : null;
}

/**
 * A Tianditu key as typed or configured, trimmed, or null when it cannot be one. Tianditu issues keys of
 * 32 hexadecimal characters; anything else (spaces inside, a pasted URL, `&`) is refused rather than put
 * into every tile URL.
 */
export function normaliseKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const key = value.trim();
  return /^[0-9a-f]{32}$/i.test(key) ? key : null;
}

/**
 * A tile base that replaces the providers' hosts (tests, a local mirror or proxy): an http(s) URL with
 * no query or fragment, trailing slashes dropped; null for anything else.
 */
export function normaliseTileBase(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A raster layer ready for MapLibre: final tile URLs. */
