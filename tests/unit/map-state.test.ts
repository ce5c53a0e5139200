import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../src/lib/plan/schema';
import { MapState, type HashPort } from '../../src/lib/state/map-state.svelte';

const feature = (id: string) =>
  ({
    type: 'Feature',
    properties: { id },
    geometry: { type: 'Point', coordinates: [120, 36] }
  }) as unknown as PlanFeature;
const known = new Map(['metro-line-3', 'port-dongjiakou'].map((id) => [id, feature(id)]));

function memoryHash(initial = ''): HashPort & { hash: string } {
  const port = { hash: initial, read: () => port.hash, write: (hash: string) => void (port.hash = hash) };
  return port;
}

describe('map state', () => {
  it('a row of the list twin moves the map only for a feature not wholly in view', () => {
    const state = new MapState((id) => known.get(id), memoryHash());
    state.viewBounds = [119.9, 35.9, 120.1, 36.1];
    state.reveal('metro-line-3');
    expect(state.selectedId).toBe('metro-line-3');
    expect(state.focus).toBeNull();
    state.viewBounds = [120.1, 36.1, 120.3, 36.3];
    state.reveal('port-dongjiakou');
    expect(state.selectedId).toBe('port-dongjiakou');
    expect(state.focus?.feature.properties.id).toBe('port-dongjiakou');
  });

  it("a row's hover ends with the row, unless the map has taken the hover over", () => {
    const state = new MapState((id) => known.get(id), memoryHash());
    state.setHover('metro-line-3', 0, 0, 'list');
    expect(state.hover).toEqual({ id: 'metro-line-3', x: 0, y: 0, from: 'list' });
    state.endListHover('metro-line-3');
    expect(state.hover).toBeNull();
    state.setHover('metro-line-3', 0, 0, 'list');
    state.setHover('port-dongjiakou', 10, 20);
    state.endListHover('metro-line-3');
    expect(state.hover?.id).toBe('port-dongjiakou');
  });

  it('asking to show the same feature twice makes two distinct focus requests', () => {
    const state = new MapState((id) => known.get(id), memoryHash());
    state.show('metro-line-3');
    const first = state.focus;
    state.show('metro-line-3');
    expect(state.focus).not.toBe(first);
    expect(state.focus!.feature).toBe(first!.feature);
    expect(state.focus!.seq).toBe(first!.seq + 1);
  });

  it('a link with a selection but no view asks for focus; one with a view keeps its view', () => {
    const state = new MapState((id) => known.get(id), memoryHash());
    state.readFromUrl('#sel=metro-line-3&layers=transport');
    expect(state.selectedId).toBe('metro-line-3');
    expect(state.filter.layers).toEqual(['transport']);
    expect(state.focus?.feature.properties.id).toBe('metro-line-3');

    const linked = new MapState((id) => known.get(id), memoryHash());
    linked.readFromUrl('#map=12/36.1/120.4&sel=metro-line-3');
    expect(linked.selectedId).toBe('metro-line-3');
    expect(linked.focus).toBeNull();
  });

  it('an unknown feature in a link is reported and dropped from the URL', () => {
    const hash = memoryHash('#map=11/36.1/120.4&sel=no-such-feature');
    const state = new MapState((id) => known.get(id), hash);
    state.readFromUrl();
    expect(state.missing).toBe('no-such-feature');
    expect(state.selectedId).toBeNull();
    expect(hash.hash).toBe('#map=11/36.1/120.4');
  });

  it('a link with unusable parts is tidied in the address bar, and what was dropped is noted', () => {
    const hash = memoryHash('#map=12/36.0631/Infinity&chapter=0x4&layers=nosuchlayer&foo=1&sel=metro-line-3');
    const state = new MapState((id) => known.get(id), hash);
    state.tidyUrl();
    expect(hash.hash).toBe('#sel=metro-line-3');
    expect(state.linkIssues.map((issue) => issue.field)).toEqual(['foo', 'map', 'layers', 'chapter']);
    // Read as it arrived (the page does so after the tidy), the link gives the same state and notice.
    state.readFromUrl('#map=12/36.0631/Infinity&chapter=0x4&layers=nosuchlayer&foo=1&sel=metro-line-3');
    expect(state.filter).toEqual({ layers: null, statuses: null, chapter: null });
    expect(state.selectedId).toBe('metro-line-3');
    expect(state.linkIssues).toHaveLength(4);
    state.dismissLinkNotice();
    expect(state.linkIssues).toEqual([]);
    // A clean link read later clears the notice; the hash is left as it is.
    state.readFromUrl('#map=-3/36/120');
    expect(state.linkIssues).toEqual([
      { field: 'map', value: '-3/36/120', action: 'clamped', to: '7.5/36/120' }
    ]);
    hash.hash = '#map=11/36.1/120.4';
    state.readFromUrl();
    expect(state.linkIssues).toEqual([]);
    expect(hash.hash).toBe('#map=11/36.1/120.4');
  });

  it('selection and filters are written to the hash beside the map view', () => {
    const hash = memoryHash('#map=11/36.1/120.4');
    const state = new MapState((id) => known.get(id), hash);
    state.select('port-dongjiakou');
    state.setFilter({ layers: ['zones'], statuses: null, chapter: 4 });
    expect(hash.hash).toBe('#map=11/36.1/120.4&sel=port-dongjiakou&layers=zones&chapter=4');
  });
});

describe('near-me state', () => {
  it('starts from an origin with the default radius, keeps the radius on a new origin, and writes both', () => {
    const hash = memoryHash('#map=11/36.1/120.4');
    const state = new MapState((id) => known.get(id), hash);
    state.startNear([120.3826, 36.0631]);
    expect(state.near).toEqual({ origin: [120.3826, 36.0631], radiusKm: 3 });
    expect(state.nearOpen).toBe(true);
    const fit = state.nearFit;
    expect(fit).not.toBeNull();
    expect(hash.hash).toBe('#map=11/36.1/120.4&near=120.3826,36.0631&r=3');
    state.setNearRadius(50);
    expect(state.near?.radiusKm).toBe(20);
    state.startNear([120.4, 36.1]);
    expect(state.near?.radiusKm).toBe(20);
    expect(state.nearFit).not.toBe(fit);
    state.closeNear();
    expect(state.near).toBeNull();
    expect(hash.hash).toBe('#map=11/36.1/120.4');
  });

  it('a near-me link without a view fits the circle; one with a view keeps it; garbage is ignored', () => {
    const state = new MapState((id) => known.get(id), memoryHash());
    state.readFromUrl('#near=120.3826,36.0631&r=5');
    expect(state.near).toEqual({ origin: [120.3826, 36.0631], radiusKm: 5 });
    expect(state.nearOpen).toBe(true);
    expect(state.nearFit).not.toBeNull();

    const linked = new MapState((id) => known.get(id), memoryHash());
    linked.readFromUrl('#map=12/36.1/120.4&near=120.3826,36.0631&r=99');
    expect(linked.near).toEqual({ origin: [120.3826, 36.0631], radiusKm: 20 });
    expect(linked.nearFit).toBeNull();

    const bad = new MapState((id) => known.get(id), memoryHash());
    bad.readFromUrl('#near=north,36');
    expect(bad.near).toBeNull();
    expect(bad.nearOpen).toBe(false);
  });
});
