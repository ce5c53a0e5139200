import { describe, expect, it } from 'vitest';
import {
  EMPTY_HASH_STATE,
  parseHashState,
  parseMapView,
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
    const state = { selected: null, layers: ['transport', 'zones'], statuses: ['operating'], chapter: 4 };
    const hash = writeHashState('#map=10/36.2/120.3', state);
    expect(hash).toBe('#map=10/36.2/120.3&layers=transport,zones&status=operating&chapter=4');
    expect(parseHashState(hash)).toEqual(state);
    const none = writeHashState('', { ...EMPTY_HASH_STATE, layers: [] });
    expect(parseHashState(none).layers).toEqual([]);
    expect(parseHashState('#chapter=13').chapter).toBeNull();
    expect(parseHashState('#layers=transport,Bad%20Id').layers).toEqual(['transport']);
  });

  it('rejects malformed or impossible views', () => {
    expect(parseMapView('#map=abc/36/120')).toBeNull();
    expect(parseMapView('#map=10/95/120')).toBeNull();
    expect(parseMapView('#map=10/36')).toBeNull();
    expect(parseMapView('#sel=x')).toBeNull();
  });
});
