/** Area questions: which plan features an area holds, what of them lies inside, and the user's features near them. */
import { area as turfArea, destination, distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { countNear, pathLengthInsideKm, pointInArea, queryArea, type QueryArea } from '$lib/geo/area-query';
import Papa from 'papaparse';
import { answerCsv, answerGeoJSON } from '$lib/geo/area-export';
import { areaM2, formatArea, formatLength, pathLengthM } from '$lib/geo/measuring';
import { radiusCircle } from '$lib/geo/near-me';
import type { PlanFeature, Target } from '$lib/plan/schema';

const feature = (
  id: string,
  layer: string,
  geometry: GeoJSON.Geometry,
  extra: Partial<PlanFeature['properties']> = {}
) =>
  ({
    type: 'Feature',
    properties: {
      id,
      name_zh: id,
      name_en: id,
      layer,
      kind: 'k',
      status: 'planned',
      targets: [],
      articles: [1],
      ...extra
    },
    geometry
  }) as unknown as PlanFeature;

/** A box 0.1° on a side over Qingdao's old town. */
const SQUARE: QueryArea = {
  kind: 'polygon',
  name_zh: '方框',
  name_en: 'Box',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [120.3, 36.0],
        [120.4, 36.0],
        [120.4, 36.1],
        [120.3, 36.1],
        [120.3, 36.0]
      ]
    ]
  }
};

const km = (a: number[], b: number[]) => distance(a, b, { units: 'kilometers' });

const FEATURES = [
  feature('p-in', 'transport', { type: 'Point', coordinates: [120.35, 36.05] }, { targets: ['a1-1'] }),
  feature('p-out', 'transport', { type: 'Point', coordinates: [120.45, 36.05] }),
  feature('p-context', 'energy', { type: 'Point', coordinates: [120.36, 36.05] }, { outside_qingdao: true }),
  // From inside to outside across the east edge, at 120.4.
  feature('line-across', 'transport', {
    type: 'LineString',
    coordinates: [
      [120.35, 36.05],
      [120.45, 36.05]
    ]
  }),
  feature('line-in', 'ecology', {
    type: 'LineString',
    coordinates: [
      [120.31, 36.01],
      [120.32, 36.02],
      [120.33, 36.01]
    ]
  }),
  // In and out and back in again: two pieces inside.
  feature('line-zigzag', 'ecology', {
    type: 'LineString',
    coordinates: [
      [120.38, 36.08],
      [120.42, 36.08],
      [120.42, 36.09],
      [120.38, 36.09]
    ]
  }),
  // Straddles the south edge (36.0): the half from 36.0 to 36.02 is inside.
  feature('poly-across', 'zones', {
    type: 'Polygon',
    coordinates: [
      [
        [120.32, 35.98],
        [120.34, 35.98],
        [120.34, 36.02],
        [120.32, 36.02],
        [120.32, 35.98]
      ]
    ]
  }),
  feature('poly-out', 'zones', {
    type: 'Polygon',
    coordinates: [
      [
        [120.5, 36.2],
        [120.6, 36.2],
        [120.6, 36.3],
        [120.5, 36.2]
      ]
    ]
  })
];

describe('queryArea', () => {
  it('lists the features inside or crossing, by layer in the layers panel’s order, leaving out context features', () => {
    const answer = queryArea(SQUARE, FEATURES);
    expect(answer.count).toBe(5);
    expect(answer.layers.map((l) => [l.layer, l.features.map((f) => f.feature.properties.id)])).toEqual([
      ['zones', ['poly-across']],
      ['ecology', ['line-in', 'line-zigzag']],
      ['transport', ['line-across', 'p-in']]
    ]);
    const get = (id: string) =>
      answer.layers.flatMap((l) => l.features).find((f) => f.feature.properties.id === id)!;
    expect(get('p-in').relation).toBe('inside');
    expect(get('line-in').relation).toBe('inside');
    expect(get('line-across').relation).toBe('crossing');
    expect(get('poly-across').relation).toBe('crossing');
  });

  it('measures the length of a line inside the area, cut where it crosses the edge', () => {
    const answer = queryArea(SQUARE, FEATURES);
    const lines = new Map(answer.layers.flatMap((l) => l.features).map((f) => [f.feature.properties.id, f]));
    const across = lines.get('line-across')!;
    expect(across.lengthKm).toBeCloseTo(km([120.35, 36.05], [120.45, 36.05]), 6);
    expect(across.lengthInsideKm).toBeCloseTo(km([120.35, 36.05], [120.4, 36.05]), 4);
    const inside = lines.get('line-in')!;
    expect(inside.lengthInsideKm).toBeCloseTo(inside.lengthKm!, 9);
    // Zigzag: 0.02° east along 36.08 and 0.02° back along 36.09 are inside; the leg at 120.42 is not.
    const zigzag = lines.get('line-zigzag')!;
    expect(zigzag.lengthInsideKm).toBeCloseTo(
      km([120.38, 36.08], [120.4, 36.08]) + km([120.4, 36.09], [120.38, 36.09]),
      4
    );
    expect(lines.get('p-in')!.lengthInsideKm).toBeNull();
  });

  it('measures the area of a polygon inside the area', () => {
    const poly = queryArea(SQUARE, FEATURES)
      .layers.flatMap((l) => l.features)
      .find((f) => f.feature.properties.id === 'poly-across')!;
    const northHalf = turfArea({
      type: 'Polygon',
      coordinates: [
        [
          [120.32, 36.0],
          [120.34, 36.0],
          [120.34, 36.02],
          [120.32, 36.02],
          [120.32, 36.0]
        ]
      ]
    });
    expect(poly.areaKm2).toBeCloseTo(turfArea(FEATURES[6]!.geometry) / 1e6, 9);
    expect(poly.areaInsideKm2! * 1e6).toBeCloseTo(northHalf, -2);
    expect(poly.areaInsideKm2! / poly.areaKm2!).toBeGreaterThan(0.49);
    expect(poly.areaInsideKm2! / poly.areaKm2!).toBeLessThan(0.51);
    expect(queryArea(SQUARE, []).areaKm2 * 1e6).toBeCloseTo(turfArea(SQUARE.geometry), 3);
  });

  it('answers a circle: points at 0.9 km in, 1.1 km out, a diameter of 2 km inside', () => {
    const centre: [number, number] = [120.38, 36.06];
    const circle: QueryArea = {
      kind: 'circle',
      name_zh: '圆',
      name_en: 'Circle',
      geometry: radiusCircle(centre, 1).geometry,
      circle: { center: centre, radiusKm: 1 }
    };
    const at = (km: number, bearing: number) => destination(centre, km, bearing).geometry.coordinates;
    const answer = queryArea(circle, [
      feature('near', 'science', { type: 'Point', coordinates: at(0.9, 30) }),
      feature('far', 'science', { type: 'Point', coordinates: at(1.1, 30) }),
      feature('diameter', 'transport', { type: 'LineString', coordinates: [at(3, 270), at(3, 90)] })
    ]);
    const ids = answer.layers.flatMap((l) => l.features.map((f) => f.feature.properties.id));
    expect(ids.sort()).toEqual(['diameter', 'near']);
    const diameter = answer.layers.find((l) => l.layer === 'transport')!.features[0]!;
    // The circle is a 96-sided polygon on the radius: its width along the diameter is within 0.1% of 2 km.
    expect(Math.abs(diameter.lengthInsideKm! - 2)).toBeLessThan(0.002);
    expect(diameter.relation).toBe('crossing');
    expect(pointInArea(at(0.99, 200), circle.geometry)).toBe(true);
    expect(pointInArea(at(1.01, 200), circle.geometry)).toBe(false);
    expect(answer.areaKm2).toBeCloseTo(Math.PI, 1);
  });

  it('carries each feature’s targets with their published outcomes', () => {
    const target = { id: 'a1-1', outcomes: [{ value: 3 }] } as unknown as Target;
    const answer = queryArea(SQUARE, FEATURES, { targets: [target] });
    const p = answer.layers.at(-1)!.features.find((f) => f.feature.properties.id === 'p-in')!;
    expect(p.targets).toEqual([target]);
  });

  it('counts, for each user layer, its features within the set distance of each plan feature', () => {
    const pIn: [number, number] = [120.35, 36.05];
    const stops = {
      type: 'FeatureCollection' as const,
      features: [0.2, 0.45, 0.6, 2].map((d) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: destination(pIn, d, 0).geometry
      }))
    };
    const parks = {
      type: 'FeatureCollection' as const,
      features: [
        // A line that crosses line-across between its vertices (none of its vertices is within 0.5 km).
        {
          type: 'Feature' as const,
          properties: {},
          geometry: {
            type: 'LineString' as const,
            coordinates: [
              [120.37, 36.0],
              [120.37, 36.1]
            ]
          }
        }
      ]
    };
    const answer = queryArea(SQUARE, FEATURES, {
      userLayers: [
        { id: 'stops', name: 'Stops', features: stops },
        { id: 'parks', name: 'Parks', features: parks }
      ],
      nearKm: 0.5
    });
    expect(answer.userLayers.map((l) => l.name)).toEqual(['Stops', 'Parks']);
    const byId = new Map(answer.layers.flatMap((l) => l.features).map((f) => [f.feature.properties.id, f]));
    // p-in: the stops 0.2 km and 0.45 km north; line-across passes through p-in, so the same two.
    expect(byId.get('p-in')!.near).toEqual([2, 0]);
    expect(byId.get('line-across')!.near).toEqual([2, 1]);
    expect(countNear({ type: 'Point', coordinates: pIn }, stops, 1)).toBe(3);
    expect(countNear({ type: 'Point', coordinates: pIn }, stops, 0.1)).toBe(0);
  });
});

describe('measuring', () => {
  it('measures paths and polygons geodesically, and writes them with units', () => {
    const a = [120.38, 36.06];
    const b = destination(a, 1.5, 90).geometry.coordinates;
    expect(pathLengthM([a, b])).toBeCloseTo(1500, 3);
    expect(pathLengthM([a])).toBe(0);
    expect(areaM2(SQUARE.geometry)).toBeCloseTo(turfArea(SQUARE.geometry), 6);
    expect(formatLength(850.4)).toBe('850 m');
    expect(formatLength(1500)).toBe('1.50 km');
    expect(formatLength(215_340)).toBe('215.3 km');
    expect(formatArea(8_500)).toBe('8,500 m² · 0.85 ha');
    expect(formatArea(3_420_000)).toBe('3.42 km² · 342.0 ha');
  });

  it('finds the length inside for a path that never enters', () => {
    expect(
      pathLengthInsideKm(
        [
          [121, 36],
          [121.1, 36]
        ],
        SQUARE.geometry
      )
    ).toBe(0);
  });
});

describe('area answer exports', () => {
  it('writes one CSV row per feature, BOM first, with the figures inside the area', () => {
    const answer = queryArea(SQUARE, FEATURES);
    const csv = answerCsv(answer, 'en');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 3)).toEqual(['layer', 'id', 'name_zh']);
    expect(rows).toHaveLength(1 + answer.count);
    const across = rows.find((r) => r[1] === 'line-across')!;
    const inside = Number(across[rows[0]!.indexOf('length_inside_km')]);
    expect(inside).toBeCloseTo(km([120.35, 36.05], [120.4, 36.05]), 3);
    expect(across[rows[0]!.indexOf('relation')]).toBe('crossing the edge');
  });

  it('writes GeoJSON with the area first and the answer’s properties on each feature', () => {
    const geojson = answerGeoJSON(queryArea(SQUARE, FEATURES), 'zh');
    expect(geojson.features[0]!.properties).toMatchObject({
      role: 'area',
      name_zh: '方框',
      feature_count: 5
    });
    expect(geojson.features[0]!.geometry).toEqual(SQUARE.geometry);
    expect(geojson.features.slice(1).map((f) => f.properties!.id)).toContain('poly-across');
    expect(geojson.features.find((f) => f.properties!.id === 'line-in')!.properties).toMatchObject({
      role: 'plan-feature',
      relation: 'inside'
    });
  });
});
