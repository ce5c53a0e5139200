import { describe, expect, it } from 'vitest';
import {
  STREET_PROVIDERS,
  TIANDITU_APPROVAL_NUMBER,
  TILE_HOSTS,
  classifyTileError,
  normaliseKey,
  normaliseTileBase,
  parseBasemapId,
  streetBasemap
} from '../../src/lib/map/basemaps';
import {
  STORAGE_KEYS,
  readBasemapPrefs,
  writeBasemapChoice,
  writeUserKey,
  type StoragePort
} from '../../src/lib/state/basemap-prefs';
import { MapState, type HashPort } from '../../src/lib/state/map-state.svelte';

const KEY = '0123456789abcdef0123456789ABCDEF';

function memoryStorage(initial: Record<string, string> = {}): StoragePort & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key)
  };
}

const noHash: HashPort = { read: () => '', write: () => {} };

/** What the map draws for a state: its street request turned into tile URLs, as MapView does. */
const streetOf = (state: MapState) =>
  state.streetRequest ? streetBasemap(state.streetRequest.id, state.streetRequest) : null;

describe('street basemap providers', () => {
  it('Tianditu uses the Web Mercator (_w) WMTS services, streets then labels, on subdomains t0–t7, with the key', () => {
    const spec = streetBasemap('tianditu', { key: KEY })!;
    expect(spec.layers.map((l) => l.id)).toEqual(['vec', 'cva']);
    const [vec, cva] = spec.layers;
    expect(vec!.tiles).toHaveLength(8);
    expect(vec!.tiles.map((u) => new URL(u.replace(/[{}]/g, '')).host)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `t${n}.tianditu.gov.cn`)
    );
    const url = new URL(vec!.tiles[3]!);
    expect(url.pathname).toBe('/vec_w/wmts');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      SERVICE: 'WMTS',
      REQUEST: 'GetTile',
      VERSION: '1.0.0',
      LAYER: 'vec',
      STYLE: 'default',
      TILEMATRIXSET: 'w',
      FORMAT: 'tiles',
      TILEMATRIX: '{z}',
      TILEROW: '{y}',
      TILECOL: '{x}',
      tk: KEY
    });
    expect(new URL(cva!.tiles[0]!).pathname).toBe('/cva_w/wmts');
    expect(new URL(cva!.tiles[0]!).searchParams.get('LAYER')).toBe('cva');
    // Only the Mercator matrix set: the `_c` (latitude/longitude) services would not line up with MapLibre.
    for (const u of [...vec!.tiles, ...cva!.tiles]) expect(u).not.toMatch(/_c\/|TILEMATRIXSET=c/);
  });

  it('Tianditu without a usable key is not drawn; OSM needs none and never carries one', () => {
    expect(streetBasemap('tianditu', { key: null })).toBeNull();
    expect(streetBasemap('tianditu', { key: 'abc&tk=other' })).toBeNull();
    const osm = streetBasemap('osm', { key: KEY })!;
    expect(osm.layers).toEqual([{ id: 'osm', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'] }]);
    expect(streetBasemap('embedded', { key: KEY })).toBeNull();
  });

  it('a tile base replaces the hosts and keeps path and query, subdomains collapsed', () => {
    const tianditu = streetBasemap('tianditu', { key: KEY, tileBase: 'http://127.0.0.1:4213/ok/' })!;
    expect(tianditu.layers[0]!.tiles).toEqual([
      `http://127.0.0.1:4213/ok/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`
    ]);
    const osm = streetBasemap('osm', { key: null, tileBase: 'http://127.0.0.1:4213' })!;
    expect(osm.layers[0]!.tiles).toEqual(['http://127.0.0.1:4213/{z}/{x}/{y}.png']);
  });

  it('each provider credits itself: Tianditu with its approval number, OSM linking its copyright page', () => {
    const tianditu = STREET_PROVIDERS.find((p) => p.id === 'tianditu')!;
    expect(tianditu.attribution).toContain('天地图');
    expect(tianditu.attribution).toContain(`审图号 ${TIANDITU_APPROVAL_NUMBER}`);
    expect(TIANDITU_APPROVAL_NUMBER).toMatch(/^GS\(\d{4}\)\d+号$/);
    const osm = STREET_PROVIDERS.find((p) => p.id === 'osm')!;
    expect(osm.attribution).toMatch(
      /© <a href="https:\/\/www\.openstreetmap\.org\/copyright">OpenStreetMap<\/a> contributors/
    );
  });

  it('every tile host is in the one list, and no GCJ-02 / BD-09 provider is offered', () => {
    expect(TILE_HOSTS).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`),
      'https://tile.openstreetmap.org'
    ]);
    for (const host of TILE_HOSTS)
      expect(host).not.toMatch(/autonavi|amap|gaode|qq\.com|tencent|baidu|bdimg/);
  });

  it('keys, ids and tile bases are checked before use', () => {
    expect(normaliseKey(`  ${KEY} `)).toBe(KEY);
    expect(normaliseKey(KEY.slice(1))).toBeNull();
    expect(normaliseKey(`${KEY.slice(1)}&`)).toBeNull();
    expect(normaliseKey(`${KEY.slice(1)}g`)).toBeNull();
    expect(normaliseKey(42)).toBeNull();
    expect(parseBasemapId('osm')).toBe('osm');
    expect(parseBasemapId('amap')).toBeNull();
    expect(normaliseTileBase('http://127.0.0.1:4213/a//')).toBe('http://127.0.0.1:4213/a');
    expect(normaliseTileBase('javascript:alert(1)')).toBeNull();
    expect(normaliseTileBase('http://x/?q=1')).toBeNull();
    expect(normaliseTileBase('not a url')).toBeNull();
  });

  it('tile errors are told apart: HTTP status, undecodable image, network', () => {
    expect(classifyTileError(Object.assign(new Error('Internal Server Error'), { status: 500 }))).toEqual({
      reason: 'http',
      status: 500
    });
    expect(
      classifyTileError(new Error('Could not load image because of The source image could not be decoded.'))
    ).toEqual({ reason: 'undecodable' });
    expect(classifyTileError(new TypeError('Failed to fetch'))).toEqual({ reason: 'network' });
  });
});

describe('basemap preferences', () => {
  it('reads what is valid and ignores the rest', () => {
    expect(readBasemapPrefs(null)).toEqual({ basemap: 'embedded', userKey: null, tileBase: null });
    const storage = memoryStorage({
      [STORAGE_KEYS.basemap]: 'baidu',
      [STORAGE_KEYS.tiandituKey]: 'nope',
      [STORAGE_KEYS.tileBase]: 'ftp://x'
    });
    expect(readBasemapPrefs(storage)).toEqual({ basemap: 'embedded', userKey: null, tileBase: null });
    writeBasemapChoice(storage, 'tianditu');
    writeUserKey(storage, KEY);
    expect(readBasemapPrefs(storage)).toMatchObject({ basemap: 'tianditu', userKey: KEY });
    writeBasemapChoice(storage, 'embedded');
    expect(storage.items.has(STORAGE_KEYS.basemap)).toBe(false);
  });

  it('a storage that throws only means nothing is remembered', () => {
    const broken: StoragePort = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      }
    };
    expect(readBasemapPrefs(broken).basemap).toBe('embedded');
    expect(() => writeBasemapChoice(broken, 'osm')).not.toThrow();
  });

  it('the map state remembers the choice and the user key, which replaces the deployer key', () => {
    const storage = memoryStorage();
    const deployer = 'ffffffffffffffffffffffffffffffff';
    const state = new MapState(() => undefined, noHash, storage, deployer);
    expect(streetOf(state)).toBeNull();
    state.setBasemap('tianditu');
    expect(streetOf(state)?.layers[0]!.tiles[0]).toContain(`tk=${deployer}`);
    expect(state.setUserKey('not a key')).toBe(false);
    expect(state.setUserKey(KEY)).toBe(true);
    expect(streetOf(state)?.layers[0]!.tiles[0]).toContain(`tk=${KEY}`);

    const reloaded = new MapState(() => undefined, noHash, storage, null);
    expect(reloaded.basemap).toBe('tianditu');
    expect(streetOf(reloaded)?.layers[0]!.tiles[0]).toContain(`tk=${KEY}`);
    reloaded.setUserKey('');
    expect(streetOf(reloaded)).toBeNull();
  });

  it('a failure falls back to the embedded basemap, says why, and is not remembered', () => {
    const storage = memoryStorage();
    const state = new MapState(() => undefined, noHash, storage, null);
    state.setBasemap('osm');
    expect(streetOf(state)?.provider.id).toBe('osm');
    state.basemapFailed({ provider: 'osm', reason: 'http', status: 500 });
    expect(streetOf(state)).toBeNull();
    expect(state.basemapNotice).toEqual({ provider: 'osm', reason: 'http', status: 500 });
    expect(new MapState(() => undefined, noHash, storage, null).basemap).toBe('embedded');
    state.setBasemap('osm');
    expect(state.basemapNotice).toBeNull();
  });
});
