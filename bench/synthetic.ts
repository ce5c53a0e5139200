/**
 * The benchmark's synthetic user layer: a deterministic set of points and short lines spread over
 * Qingdao's administrative area, as a planner's large dataset might be. The same seed always gives the
 * same features, so runs and machines compare.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';

/** Qingdao's administrative area, `[west, south, east, north]`, WGS-84. */
export const QINGDAO_BBOX = [119.5, 35.6, 121.0, 37.0] as const;

/** mulberry32: a small, fast, seedable PRNG with a uniform [0, 1) output. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * `count` features, `lineShare` of them LineStrings of 2–6 vertices (steps of up to ~400 m, a short street
 * or pipe), the rest Points; coordinates rounded to 6 decimals (~0.1 m), as exported data usually is.
 */
export function syntheticFeatures(count: number, seed = 20230101, lineShare = 0.5): FeatureCollection {
  const random = prng(seed);
  const [west, south, east, north] = QINGDAO_BBOX;
  const lon = () => west + random() * (east - west);
  const lat = () => south + random() * (north - south);
  const clampLon = (v: number) => Math.min(east, Math.max(west, v));
  const clampLat = (v: number) => Math.min(north, Math.max(south, v));
  const features: Feature<Point | LineString, { i: number }>[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < lineShare) {
      const vertices = 2 + Math.floor(random() * 5);
      let x = lon();
      let y = lat();
      const coordinates: [number, number][] = [[round6(x), round6(y)]];
      for (let v = 1; v < vertices; v++) {
        x = clampLon(x + (random() - 0.5) * 0.009);
        y = clampLat(y + (random() - 0.5) * 0.007);
        coordinates.push([round6(x), round6(y)]);
      }
      features.push({ type: 'Feature', properties: { i }, geometry: { type: 'LineString', coordinates } });
    } else {
      features.push({
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [round6(lon()), round6(lat())] }
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
