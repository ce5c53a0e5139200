/**
 * The optional street basemaps, as data: which providers there are, where their tiles come from, how far
 * they zoom, what they must credit and whether they need a key. Pure: no MapLibre, no storage, no DOM.
 *
 * Only providers whose tiles are in WGS-84 (or CGCS2000, within a metre or so of it) Web Mercator are
 * listed. AMap (Gaode), Tencent and Baidu publish their tiles in GCJ-02 or BD-09: the plan's features,
 * kept in WGS-84, would sit some 300–700 m off their streets in Qingdao, so those are deliberately absent.
 */

import {
  STREET_PROVIDER_NAMES,
  normaliseKey,
  normaliseTileBase,
  type BasemapId,
  type StreetProviderId
} from './basemap-ids';

export * from './basemap-ids';

/** One raster layer of a provider (Tianditu draws its labels as a second, transparent layer). */
export interface StreetLayerTemplate {
  /** Suffix of the MapLibre source and layer ids. */
  id: string;
  /** Tile URL templates, one per subdomain, with `{z}`, `{x}`, `{y}` and, where a key is needed, `{key}`. */
  urls: readonly string[];
}

export interface StreetProvider {
  id: StreetProviderId;
  name_zh: string;
  name_en: string;
  layers: readonly StreetLayerTemplate[];
  /** Highest zoom level the provider serves; MapLibre scales its tiles beyond it. */
  maxZoom: number;
  tileSize: 256;
  /** Credit line shown in the map's attribution while the provider is drawn (HTML, links included). */
  attribution: string;
  needsKey: boolean;
}

/**
 * Tianditu's map review (approval) number, which a map drawn from its tiles must show: the number public
 * projects quote from the Tianditu site for its online map. It changes when the map is reviewed again:
 * check it against https://www.tianditu.gov.cn/ when deploying (README, Basemaps).
 */
export const TIANDITU_APPROVAL_NUMBER = 'GS(2025)1508号';

const subdomains = (count: number) => Array.from({ length: count }, (_, i) => String(i));

/**
 * Tianditu's Web Mercator (`_w`) WMTS services, requested tile by tile with the KVP GetTile form. `layer`
 * is the service: `vec` (streets), `cva` (their Chinese labels), `img` / `cia` for imagery.
 */
function tiandituUrls(layer: 'vec' | 'cva'): string[] {
  return subdomains(8).map(
    (s) =>
      `https://t${s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
      `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}`
  );
}

export const STREET_PROVIDERS: readonly StreetProvider[] = [
  {
    id: 'tianditu',
    name_zh: STREET_PROVIDER_NAMES.tianditu.zh,
    name_en: STREET_PROVIDER_NAMES.tianditu.en,
    layers: [
      { id: 'vec', urls: tiandituUrls('vec') },
      { id: 'cva', urls: tiandituUrls('cva') }
    ],
    maxZoom: 18,
    tileSize: 256,
    attribution:
      '<a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a> 国家地理信息公共服务平台 · ' +
      `审图号 ${TIANDITU_APPROVAL_NUMBER}`,
    needsKey: true
  },
  {
    id: 'osm',
    name_zh: STREET_PROVIDER_NAMES.osm.zh,
    name_en: STREET_PROVIDER_NAMES.osm.en,
    // The OSM Foundation asks for the one host name now, not the old a/b/c subdomains.
    layers: [{ id: 'osm', urls: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'] }],
    maxZoom: 19,
    tileSize: 256,
    // Worded apart from the embedded basemap's own OSM credit, which MapLibre would otherwise fold into it.
    attribution:
      'Streets 街道图: © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    needsKey: false
  }
];

/**
 * Every host a street basemap loads from, in one list: the Content-Security-Policy's `img-src` and
 * `connect-src` take it from here.
 */
export const TILE_HOSTS: readonly string[] = [
  ...new Set(STREET_PROVIDERS.flatMap((p) => p.layers.flatMap((l) => l.urls.map((u) => new URL(u).origin))))
];

export function streetProvider(id: BasemapId): StreetProvider | null {
  return STREET_PROVIDERS.find((p) => p.id === id) ?? null;
}

export interface StreetLayerSpec {
  id: string;
  tiles: string[];
}

export interface StreetBasemapSpec {
  provider: StreetProvider;
  layers: StreetLayerSpec[];
}

export interface StreetOptions {
  /** The key for providers that need one (already normalised), or null. */
  key: string | null;
  /** Serve every tile from this base instead of the provider's hosts (see normaliseTileBase). */
  tileBase?: string | null;
}

/**
 * The tile URLs to draw a provider with, or null when it cannot be drawn (it needs a key and has none).
 * With `tileBase` the provider's origin is replaced by it, path and query kept, so a test server sees
 * the same requests the provider would (`{base}/vec_w/wmts?…&tk=…`, `{base}/12/3412/1552.png`); the
 * subdomains then collapse into one URL.
 */
export function streetBasemap(id: BasemapId, options: StreetOptions): StreetBasemapSpec | null {
  const provider = streetProvider(id);
  if (!provider) return null;
  const key = provider.needsKey ? normaliseKey(options.key) : null;
  if (provider.needsKey && !key) return null;
  const base = options.tileBase ? normaliseTileBase(options.tileBase) : null;
  const layers = provider.layers.map((layer) => {
    const urls = layer.urls.map((template) => {
      const withKey = key ? template.replace('{key}', encodeURIComponent(key)) : template;
      return base ? withKey.replace(/^https:\/\/[^/]+/, base) : withKey;
    });
    return { id: layer.id, tiles: [...new Set(urls)] };
  });
  return { provider, layers };
}

/** Why a street basemap was given up: an HTTP error, no answer, no tile within the deadline, or bytes that are not an image. */
export type StreetFailureReason = 'http' | 'network' | 'timeout' | 'undecodable';

export interface StreetFailure {
  provider: StreetProviderId;
  reason: StreetFailureReason;
  /** The HTTP status, for `http`. */
  status?: number;
}

/**
 * Classifies the error MapLibre reports for a tile that did not load: its AJAXError carries the HTTP
 * status; an image it could not decode says so in its message; anything else (a refused connection, a
 * DNS failure, a blocked request) is the network.
 */
export function classifyTileError(error: unknown): Pick<StreetFailure, 'reason' | 'status'> {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status > 0) return { reason: 'http', status };
  const message = error instanceof Error ? error.message : String(error);
  if (/could not load image|decod/i.test(message)) return { reason: 'undecodable' };
  return { reason: 'network' };
}
