/**
 * The one legend model (map/legend.ts), which the on-screen legend, the layers panel and the exported image
 * draw: only what is in view under the filters, each kind at each precision it is drawn in, symbols read
 * from the symbology module, metro lines in their own colours and dashed while not running, both languages.
 */
import { describe, expect, it } from 'vitest';
import { legendModel, legendText } from '$lib/map/legend';
import {
  HALO,
  NOT_RUNNING_DASH,
  PRECISION_DASH,
  SIZE,
  cssColour,
  fillAlpha,
  hexToRgba
} from '$lib/map/symbology';
import { LAYERS } from '$lib/plan/layers';
import type { PlanFeature } from '$lib/plan/schema';
import type { Bounds } from '$lib/geo/bounds';

let n = 0;
const feature = (properties: Record<string, unknown>, geometry: GeoJSON.Geometry) =>
  ({
    type: 'Feature',
    properties: {
      id: `f${++n}`,
      name_zh: '要素',
      name_en: 'Feature',
      layer: 'transport',
      kind: 'metro-station',
      status: 'operating',
      precision: 'surveyed',
      precision_note: '',
      articles: [41],
      targets: [],
      source: 'test',
      ...properties
    },
    geometry
  }) as unknown as PlanFeature;

const square = (x: number, y: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y]
    ]
  ]
});
const point = (x: number, y: number): GeoJSON.Point => ({ type: 'Point', coordinates: [x, y] });
const segment = (x: number, y: number): GeoJSON.LineString => ({
  type: 'LineString',
  coordinates: [
    [x, y],
    [x + 0.1, y + 0.1]
  ]
});

// Two places far apart: the city (120.3, 36.0) and the west (119.5, 36.5).
const zoneCity = feature({ layer: 'zones', kind: 'new-area', precision: 'indicative' }, square(120.3, 36.0));
const zoneCity2 = feature({ layer: 'zones', kind: 'new-area', precision: 'surveyed' }, square(120.32, 36.02));
const park = feature({ layer: 'ecology', kind: 'park', precision: 'approximate' }, point(119.5, 36.5));
const railway = feature(
  { layer: 'transport', kind: 'railway', precision: 'indicative' },
  segment(119.5, 36.5)
);
const line3 = feature(
  {
    id: 'metro-line-3',
    kind: 'metro-line',
    line: '3',
    name_zh: '地铁3号线',
    name_en: 'Line 3',
    color: '#e60012'
  },
  segment(120.3, 36.0)
);
const line6 = feature(
  {
    id: 'metro-line-6',
    kind: 'metro-line',
    line: '6',
    name_zh: '地铁6号线',
    name_en: 'Line 6',
    color: '#00a0e9',
    status: 'under-construction'
  },
  segment(120.31, 36.01)
);
const station = feature({ kind: 'metro-station', color: '#e60012' }, point(120.33, 36.03));
const all = [zoneCity, zoneCity2, park, railway, line3, line6, station];

const CITY: Bounds = [120.25, 35.95, 120.5, 36.2];
const WEST: Bounds = [119.4, 36.4, 119.7, 36.7];

const kinds = (features: readonly PlanFeature[], view: Bounds | null) =>
  legendModel(features, view, 'zh').groups.flatMap((g) => g.entries.map((e) => `${g.layer}/${e.kind}`));

describe('legend model', () => {
  it('lists only the kinds in view, layers in the registry order', () => {
    expect(new Set(kinds(all, CITY))).toEqual(
      new Set(['zones/new-area', 'transport/metro-line', 'transport/metro-station'])
    );
    expect(kinds(all, WEST)).toEqual(['ecology/park', 'transport/railway']);
    expect(legendModel(all, [121.5, 37.5, 121.6, 37.6], 'zh').groups).toEqual([]);
    // No view (no map): every feature given.
    const layers = legendModel(all, null, 'zh').groups.map((g) => g.layer);
    expect(layers).toEqual(LAYERS.map((l) => l.id).filter((id) => layers.includes(id)));
    expect(layers).toEqual(['zones', 'ecology', 'transport']);
  });

  it('follows the filters: the features it is given are the ones the filters keep', () => {
    expect(kinds([zoneCity, zoneCity2], CITY)).toEqual(['zones/new-area']);
    expect(kinds([], CITY)).toEqual([]);
  });

  it('draws each kind at each precision in view, with the symbology module’s fill, dash and halo', () => {
    const zones = legendModel(all, CITY, 'en').groups.find((g) => g.layer === 'zones')!;
    const [newArea] = zones.entries;
    expect(newArea!.variants.map((v) => v.precision)).toEqual(['surveyed', 'indicative']);
    expect(newArea!.variants.map((v) => v.note)).toEqual(['Surveyed', 'Indicative']);
    const colour = hexToRgba(LAYERS.find((l) => l.id === 'zones')!.colour);
    expect(newArea!.variants[1]!.symbol).toEqual({
      shape: 'area',
      fill: cssColour([colour[0], colour[1], colour[2], fillAlpha('indicative', 'new-area')]),
      outline: cssColour(colour),
      outlineWidth: SIZE.outline,
      dash: PRECISION_DASH.indicative
    });
    const west = legendModel(all, WEST, 'en');
    const parkSymbol = west.groups[0]!.entries[0]!.variants[0]!.symbol;
    expect(parkSymbol.shape === 'point' && parkSymbol.halo?.radius).toBe(HALO.approximate.radius);
    const rail = west.groups[1]!.entries[0]!.variants[0]!.symbol;
    expect(rail).toMatchObject({ shape: 'line', width: SIZE.line, dash: PRECISION_DASH.indicative });
    // The key lists the precisions in view, each in the shapes in view.
    expect(west.precisions.map((r) => [r.key, r.symbols.map((s) => s.shape)])).toEqual([
      ['approximate', ['point']],
      ['indicative', ['line']],
      // What those turn into as one zooms in: a band or disc, drawn as a swatch of its translucency.
      ['uncertainty', ['area']]
    ]);
  });

  it('lists metro lines one by one in their colours, dashed while not running, and keys their status', () => {
    const legend = legendModel(all, CITY, 'zh');
    const transport = legend.groups.find((g) => g.layer === 'transport')!;
    const lines = transport.entries.filter((e) => e.kind === 'metro-line');
    expect(lines.map((e) => [e.label, e.featureId])).toEqual([
      ['地铁3号线', 'metro-line-3'],
      ['地铁6号线', 'metro-line-6']
    ]);
    expect(lines[0]!.variants[0]!.symbol).toMatchObject({
      colour: cssColour(hexToRgba('#e60012')),
      dash: null
    });
    expect(lines[1]!.variants[0]!.symbol).toMatchObject({ dash: NOT_RUNNING_DASH });
    expect(lines[1]!.variants[0]!.note).toBe('在建');
    expect(legend.statuses.map((r) => [r.key, r.label])).toEqual([
      ['running', '已运营'],
      ['not-running', '在建']
    ]);
    const stationEntry = transport.entries.find((e) => e.kind === 'metro-station')!;
    expect(stationEntry.variants[0]!.symbol).toMatchObject({
      shape: 'point',
      stroke: cssColour(hexToRgba('#e60012'))
    });
  });

  it('speaks both languages', () => {
    const zh = legendModel(all, WEST, 'zh');
    const en = legendModel(all, WEST, 'en');
    expect(zh.groups.map((g) => g.name)).toEqual(['生态', '交通']);
    expect(en.groups.map((g) => g.name)).toEqual(['Ecology', 'Transport']);
    expect(en.groups[1]!.entries[0]!.label).toBe('Railway');
    expect(zh.groups[1]!.entries[0]!.label).toBe('铁路');
    expect(legendText(en)).toContain('Indicative');
  });
});
