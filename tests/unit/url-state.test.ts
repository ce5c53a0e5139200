import { describe, expect, it } from 'vitest';
import {
  EMPTY_HASH_STATE,
  parseHashState,
  parseMapView,
  readLink,
  writeHashState
} from '../../src/lib/state/url-state';

describe('URL hash state', () => {
  it('reads the selection beside MapLibre’s view parameter', () => {
    expect(parseHashState('#map=11.5/36.07/120.38&sel=metro-line-3').selected).toBe('metro-line-3');
    expect(parseHashState('#map=11.5/36.07/120.38')).toEqual(EMPTY_HASH_STATE);
    expect(parseHashState('')).toEqual(EMPTY_HASH_STATE);
  });

  it('ignores a selection that is not a feature id rather than passing it on', () => {
    expect(parseHashState('#sel=<script>').selected).toBeNull();
    expect(parseHashState('#sel=Metro Line').selected).toBeNull();
  });

  it('writes the selection and keeps the map view as MapLibre wrote it', () => {
    const hash = writeHashState('#map=12/36.1/120.4', { ...EMPTY_HASH_STATE, selected: 'metro-station-3-5' });
    expect(hash).toBe('#map=12/36.1/120.4&sel=metro-station-3-5');
    expect(writeHashState(hash, EMPTY_HASH_STATE)).toBe('#map=12/36.1/120.4');
    expect(writeHashState('', EMPTY_HASH_STATE)).toBe('');
  });

  it('round-trips through write and parse', () => {
    const hash = writeHashState('#map=9/36.2/120.2', { ...EMPTY_HASH_STATE, selected: 'metro-line-11' });
    expect(parseHashState(hash).selected).toBe('metro-line-11');
    expect(parseMapView(hash)).toEqual({ zoom: 9, lat: 36.2, lon: 120.2 });
  });

  it('keeps layers, statuses and chapter, distinguishing "none" from "default"', () => {
    const state = {
      ...EMPTY_HASH_STATE,
      layers: ['transport', 'zones'],
      statuses: ['operating'],
      chapter: 4
    };
    const hash = writeHashState('#map=10/36.2/120.3', state);
    expect(hash).toBe('#map=10/36.2/120.3&layers=transport,zones&status=operating&chapter=4');
    expect(parseHashState(hash)).toEqual(state);
    const none = writeHashState('', { ...EMPTY_HASH_STATE, layers: [] });
    expect(parseHashState(none).layers).toEqual([]);
    expect(parseHashState('#chapter=13').chapter).toBeNull();
    expect(parseHashState('#layers=transport,Bad%20Id').layers).toEqual(['transport']);
  });

  it('round-trips the near-me origin and radius beside the view and the selection', () => {
    const state = {
      ...EMPTY_HASH_STATE,
      selected: 'metro-station-3-5',
      near: [120.3826, 36.0631] as const,
      radiusKm: 3
    };
    const hash = writeHashState('#map=13/36.06/120.38', state);
    expect(hash).toBe('#map=13/36.06/120.38&sel=metro-station-3-5&near=120.3826,36.0631&r=3');
    expect(parseHashState(hash)).toEqual(state);
    // Turning near-me off removes both parameters and leaves the rest.
    expect(writeHashState(hash, { ...state, near: null })).toBe('#map=13/36.06/120.38&sel=metro-station-3-5');
  });

  it('writes an origin to about 10 m and a radius without trailing zeros', () => {
    const hash = writeHashState('', {
      ...EMPTY_HASH_STATE,
      near: [120.382649999, 36.063111111],
      radiusKm: 12.5
    });
    expect(hash).toBe('#near=120.3826,36.0631&r=12.5');
    // No origin, no radius: a radius alone means nothing.
    expect(writeHashState('', { ...EMPTY_HASH_STATE, radiusKm: 5 })).toBe('');
  });

  it('ignores garbage near-me parameters rather than passing them on', () => {
    for (const near of [
      '',
      'abc',
      '120.38',
      '120.38,',
      ',36.06',
      '120.38,36.06,1',
      '200,36',
      '120,95',
      'NaN,36',
      'Infinity,36',
      '1e999,36'
    ]) {
      expect(parseHashState(`#near=${near}&r=3`).near, near).toBeNull();
    }
    for (const r of ['', 'abc', 'NaN', 'Infinity', '1e3', '0x4']) {
      expect(parseHashState(`#near=120.38,36.06&r=${r}`).radiusKm, r).toBeNull();
    }
    // A radius out of range is brought into it.
    for (const [r, km] of [
      ['0', 1],
      ['0.5', 1],
      ['-3', 1],
      ['21', 20],
      ['99', 20]
    ] as const) {
      expect(parseHashState(`#near=120.38,36.06&r=${r}`).radiusKm, r).toBe(km);
    }
    expect(parseHashState('#near=120.38,36.06&r=20').radiusKm).toBe(20);
    expect(parseHashState('#near=120.38,36.06&r=1').radiusKm).toBe(1);
    // An origin outside the area the map shows is of no use to it.
    expect(parseHashState('#near=-0.5,-36.06').near).toBeNull();
    expect(parseHashState('#near=118.2,34.8').near).toEqual([118.2, 34.8]);
  });

  it('rejects malformed or impossible views', () => {
    expect(parseMapView('#map=abc/36/120')).toBeNull();
    expect(parseMapView('#map=10/95/120')).toBeNull();
    expect(parseMapView('#map=10/36')).toBeNull();
    expect(parseMapView('#sel=x')).toBeNull();
  });

  it('reads and writes the map-only view flag, dropping any other value', () => {
    expect(parseHashState('#map=11/36.07/120.38&clean=1').clean).toBe(true);
    expect(parseHashState('#clean').clean).toBe(true);
    const odd = readLink('#clean=yes');
    expect(odd.state.clean).toBe(false);
    expect(odd.issues).toEqual([{ field: 'clean', value: 'yes', action: 'dropped' }]);
    expect(writeHashState('#map=12/36.1/120.4', { ...EMPTY_HASH_STATE, clean: true })).toBe(
      '#map=12/36.1/120.4&clean=1'
    );
    expect(writeHashState('#map=12/36.1/120.4&clean=1', EMPTY_HASH_STATE)).toBe('#map=12/36.1/120.4');
  });
});
