import { describe, expect, it } from 'vitest';
import { parseHashState, parseMapView, writeHashState } from '../../src/lib/state/url-state';

describe('URL hash state', () => {
  it('reads the selection beside MapLibre’s view parameter', () => {
    expect(parseHashState('#map=11.5/36.07/120.38&sel=metro-line-3')).toEqual({ selected: 'metro-line-3' });
    expect(parseHashState('#map=11.5/36.07/120.38')).toEqual({ selected: null });
    expect(parseHashState('')).toEqual({ selected: null });
  });

  it('ignores a selection that is not a feature id rather than passing it on', () => {
    expect(parseHashState('#sel=<script>')).toEqual({ selected: null });
    expect(parseHashState('#sel=Metro Line')).toEqual({ selected: null });
  });

  it('writes the selection and keeps the map view as MapLibre wrote it', () => {
    const hash = writeHashState('#map=12/36.1/120.4', { selected: 'metro-station-3-5' });
    expect(hash).toBe('#map=12/36.1/120.4&sel=metro-station-3-5');
    expect(writeHashState(hash, { selected: null })).toBe('#map=12/36.1/120.4');
    expect(writeHashState('', { selected: null })).toBe('');
  });

  it('round-trips through write and parse', () => {
    const hash = writeHashState('#map=9/36.2/120.2', { selected: 'metro-line-11' });
    expect(parseHashState(hash).selected).toBe('metro-line-11');
    expect(parseMapView(hash)).toEqual({ zoom: 9, lat: 36.2, lon: 120.2 });
  });

  it('rejects malformed or impossible views', () => {
    expect(parseMapView('#map=abc/36/120')).toBeNull();
    expect(parseMapView('#map=10/95/120')).toBeNull();
    expect(parseMapView('#map=10/36')).toBeNull();
    expect(parseMapView('#sel=x')).toBeNull();
  });
});
