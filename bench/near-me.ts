/**
 * "Near me" timings in Node: rankByDistance (src/lib/geo/nearby.ts) on a set of features from a few
 * seeded origins across Qingdao, as a whole ranking, the nearest 20, and everything within 5 km.
 * These are Node (V8) timings on the benchmark machine, not browser ones: the same engine, without the
 * page's other work competing for the thread.
 */
import type { Feature, Geometry } from 'geojson';
import { performance } from 'node:perf_hooks';
import { rankByDistance, type LonLat, type RankOptions } from '../src/lib/geo/nearby';
import { summarise, type Summary } from './stats';
import { prng, QINGDAO_BBOX } from './synthetic';

export interface NearMeTiming {
  label: string;
  features: number;
  calls: number;
  /** Milliseconds per call. */
  all: Summary | null;
  nearest20: Summary | null;
  within5km: Summary | null;
}

function origins(count: number): LonLat[] {
  const random = prng(42);
  const [west, south, east, north] = QINGDAO_BBOX;
  // Half in the city centre, where people look from, half anywhere in the municipality.
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? [120.3 + random() * 0.2, 36.05 + random() * 0.15]
      : [west + random() * (east - west), south + random() * (north - south)]
  );
}

function time(
  features: readonly Feature<Geometry | null>[],
  points: readonly LonLat[],
  calls: number,
  options?: RankOptions
): Summary | null {
  // Warm up the JIT on the same shapes first.
  for (let i = 0; i < Math.min(3, calls); i++) rankByDistance(features, points[i % points.length]!, options);
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    sink += rankByDistance(features, points[i % points.length]!, options).length;
    samples.push(performance.now() - start);
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return summarise(samples);
}

/** Times the three ways the site asks for nearby features, `calls` times each. */
export function timeNearMe(
  label: string,
  features: readonly Feature<Geometry | null>[],
  calls: number
): NearMeTiming {
  const points = origins(10);
  return {
    label,
    features: features.length,
    calls,
    all: time(features, points, calls),
    nearest20: time(features, points, calls, { limit: 20 }),
    within5km: time(features, points, calls, { maxKm: 5 })
  };
}
