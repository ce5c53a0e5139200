/**
 * The map page's link parser against hostile input: the cases an audit found, and properties that hold for
 * any string (it never throws, what it keeps is in range, what it writes back reads back the same).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHAPTER_COUNT,
  LINK_FIELDS,
  MAX_RADIUS_KM,
  MIN_RADIUS_KM,
  readLink,
  withinMap,
  writeHashState,
  type LinkReading
} from '../../src/lib/state/url-state';
import { MAX_BOUNDS, MAX_ZOOM, MIN_ZOOM } from '../../src/lib/map/extent';
import { LAYERS } from '../../src/lib/plan/layers';
import { STATUSES } from '../../src/lib/plan/vocabulary';

const LAYER_IDS = LAYERS.map((layer) => layer.id);

describe('links found broken in an audit', () => {
  it('reads a chapter in decimal only', () => {
    const link = readLink('#chapter=0x4');
    expect(link.state.chapter).toBeNull();
    expect(link.issues).toEqual([{ field: 'chapter', value: '0x4', action: 'dropped' }]);
    expect(link.hash).toBe('');
    for (const text of ['4.0', ' 4', '4e0', '+4', '', '13', '0', '-1', '١'])
      expect(readLink(`#chapter=${encodeURIComponent(text)}`).state.chapter, text).toBeNull();
    expect(readLink('#chapter=04').state.chapter).toBe(4);
  });

  it('drops unknown layers and statuses, falling back to the default rather than a blank map', () => {
    const layers = readLink('#layers=nosuchlayer');
    expect(layers.state.layers).toBeNull();
    expect(layers.issues).toEqual([{ field: 'layers', value: 'nosuchlayer', action: 'dropped' }]);
    const status = readLink('#status=bogus');
    expect(status.state.statuses).toBeNull();
    expect(status.issues).toEqual([{ field: 'status', value: 'bogus', action: 'dropped' }]);
    // Known ones beside unknown ones are kept; "none" (an empty list) stays a real choice.
    const mixed = readLink('#layers=transport,nosuchlayer&status=operating,bogus');
    expect(mixed.state.layers).toEqual(['transport']);
    expect(mixed.state.statuses).toEqual(['operating']);
    expect(mixed.hash).toBe('#layers=transport&status=operating');
    expect(readLink('#layers=').state.layers).toEqual([]);
    expect(readLink('#layers=').issues).toEqual([]);
  });

  it('accepts exactly the layers the registry draws, every one of them', () => {
    // Links are read against a short id list (loaded before the map's first frame), not the registry.
    for (const id of LAYER_IDS) expect(readLink(`#layers=${id}`).state.layers, id).toEqual([id]);
    expect(readLink(`#layers=${LAYER_IDS.join(',')}`).issues).toEqual([]);
  });

  it('drops a view centred outside the map and brings a zoom into the map’s range', () => {
    const north = readLink('#map=99/89.9/120');
    expect(north.view).toBeNull();
    expect(north.issues).toEqual([{ field: 'map', value: '99/89.9/120', action: 'dropped' }]);
    const low = readLink('#map=-3/36/120');
    expect(low.view).toEqual({ zoom: MIN_ZOOM, lat: 36, lon: 120 });
    expect(low.issues).toEqual([{ field: 'map', value: '-3/36/120', action: 'clamped', to: '7.5/36/120' }]);
    expect(low.hash).toBe('#map=7.5/36/120');
    expect(readLink('#map=99/36/120').view?.zoom).toBe(MAX_ZOOM);
  });

  it('drops a view with a number that is not a finite decimal, without throwing', () => {
    for (const map of [
      '12/36.0631/Infinity',
      '12/36/NaN',
      '12/36/1e2',
      '0xC/36/120',
      '12/36/',
      '12/36',
      '/36/120'
    ])
      expect(readLink(`#map=${map}`).view, map).toBeNull();
    expect(readLink('#map=12/36.0631/Infinity').issues).toEqual([
      { field: 'map', value: '12/36.0631/Infinity', action: 'dropped' }
    ]);
  });

  it('reports and drops fields it does not know, and repeated ones', () => {
    const link = readLink('#map=12/36.07/120.38&foo=bar&chapter=3&chapter=5&sel=metro-line-3');
    expect(link.state.chapter).toBe(3);
    expect(link.issues).toEqual([
      { field: 'foo', value: 'bar', action: 'dropped' },
      { field: 'chapter', value: '5', action: 'dropped' }
    ]);
    expect(link.hash).toBe('#map=12/36.07/120.38&sel=metro-line-3&chapter=3');
  });

  it('keeps a good link exactly as it is, with nothing to report', () => {
    const hash =
      '#map=13/36.06/120.38&sel=metro-station-3-5&layers=transport,zones&status=operating&chapter=4&near=120.3826,36.0631&r=3';
    const link = readLink(hash);
    expect(link.issues).toEqual([]);
    expect(link.hash).toBe(hash);
  });

  it('quotes a long bad part shortened', () => {
    const link = readLink(`#x=${'a'.repeat(500)}`);
    expect(link.issues[0]!.value.length).toBeLessThanOrEqual(40);
  });
});

/** Pieces a hostile or mangled link is made of: real field names and values, and near misses of them. */
const token = fc.oneof(
  fc.constantFrom(...LINK_FIELDS, ...LAYER_IDS, ...STATUSES, 'metro-line-3'),
  fc.constantFrom(
    'Infinity',
    '-Infinity',
    'NaN',
    '0x4',
    '1e3',
    '-0',
    '.5',
    '5.',
    '',
    ' ',
    '%',
    '%zz',
    '#',
    '?'
  ),
  fc.double().map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: 7, max: 23, noNaN: true }).map(String),
  fc.double({ min: 34, max: 38.5, noNaN: true }).map(String),
  fc.double({ min: 117.5, max: 123, noNaN: true }).map(String),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 })
);
const value = fc
  .array(token, { maxLength: 4 })
  .chain((tokens) => fc.constantFrom('/', ',', '&', '=', '').map((sep) => tokens.join(sep)));
/** Numbers as links write them, and the ways they go wrong. */
const numberish = fc.oneof(
  fc.double({ min: -5, max: 30, noNaN: true }).map(String),
  fc.double({ min: 34, max: 38.5, noNaN: true }).map(String),
  fc.double({ min: 117.5, max: 123, noNaN: true }).map(String),
  fc.integer({ min: -100, max: 200 }).map(String),
  fc.constantFrom('Infinity', 'NaN', '0x4', '1e1', '', '-0', '.5', '7.', '1_0')
);
const fieldPair = fc.oneof(
  fc.array(numberish, { minLength: 2, maxLength: 5 }).map((parts) => `map=${parts.join('/')}`),
  fc.array(numberish, { minLength: 1, maxLength: 3 }).map((parts) => `near=${parts.join(',')}`),
  numberish.map((n) => `r=${n}`),
  numberish.map((n) => `chapter=${n}`),
  fc.array(token, { maxLength: 4 }).map((ids) => `layers=${ids.join(',')}`),
  fc.array(token, { maxLength: 4 }).map((ids) => `status=${ids.join(',')}`)
);
const pair = fc.oneof(
  fieldPair,
  fc.tuple(fc.oneof(fc.constantFrom(...LINK_FIELDS), token), value).map(([k, v]) => `${k}=${v}`)
);
const hashLike = fc.array(pair, { maxLength: 8 }).map((pairs) => `#${pairs.join('&')}`);
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  hashLike
);

function inRange(link: LinkReading): void {
  const { state, view } = link;
  if (view) {
    expect(Number.isFinite(view.zoom) && view.zoom >= MIN_ZOOM && view.zoom <= MAX_ZOOM).toBe(true);
    expect(withinMap(view.lon, view.lat)).toBe(true);
  }
  if (state.layers) for (const id of state.layers) expect(LAYER_IDS).toContain(id);
  if (state.statuses) for (const s of state.statuses) expect(STATUSES).toContain(s);
  if (state.chapter !== null) {
    expect(Number.isInteger(state.chapter)).toBe(true);
    expect(state.chapter >= 1 && state.chapter <= CHAPTER_COUNT).toBe(true);
  }
  if (state.near) expect(withinMap(state.near[0], state.near[1])).toBe(true);
  if (state.radiusKm !== null) {
    expect(state.near).not.toBeNull();
    expect(state.radiusKm >= MIN_RADIUS_KM && state.radiusKm <= MAX_RADIUS_KM).toBe(true);
  }
  if (state.selected !== null) expect(state.selected).toMatch(/^[a-z0-9][a-z0-9-]*$/);
}

describe('the link parser, for any string', () => {
  const runs = { numRuns: 3000 };

  it('never throws, and keeps only values in range', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        inRange(readLink(text));
      }),
      runs
    );
  });

  it('writes back a link that reads back the same, with nothing to report', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const first = readLink(text);
        const again = readLink(first.hash);
        expect(again.issues).toEqual([]);
        expect(again.state).toEqual(first.state);
        expect(again.view).toEqual(first.view);
        expect(again.hash).toBe(first.hash);
      }),
      runs
    );
  });

  it('reads back every state it can write, exactly and without complaint', () => {
    const [[west, south], [east, north]] = MAX_BOUNDS;
    const near = fc.tuple(
      fc.integer({ min: west * 1e4, max: east * 1e4 }).map((n) => n / 1e4),
      fc.integer({ min: south * 1e4, max: north * 1e4 }).map((n) => n / 1e4)
    );
    const state = fc.record({
      selected: fc.option(fc.constantFrom('metro-line-3', 'port-dongjiakou', 'a', '0-x')),
      layers: fc.option(fc.uniqueArray(fc.constantFrom(...LAYER_IDS))),
      statuses: fc.option(fc.uniqueArray(fc.constantFrom(...STATUSES))),
      chapter: fc.option(fc.integer({ min: 1, max: CHAPTER_COUNT })),
      near: fc.option(near),
      radiusKm: fc.option(fc.integer({ min: 10, max: 200 }).map((n) => n / 10))
    });
    fc.assert(
      fc.property(state, (s) => {
        const written = { ...s, radiusKm: s.near ? s.radiusKm : null };
        const link = readLink(writeHashState('', written));
        expect(link.issues).toEqual([]);
        expect(link.state).toEqual(written);
      }),
      runs
    );
  });
});
