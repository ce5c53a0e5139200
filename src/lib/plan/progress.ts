/**
 * How far the mapped, operating features already go towards a length target (the 352 km of rail in
 * article 41), from the lengths the data actually holds — never a figure the data does not support.
 */
import type { PlanFeature, Target } from './schema';

export interface LengthProgress {
  /** Operating features serving the target that carry a length. */
  features: number;
  /** Sum of station-to-station lengths: a lower bound of the route length in operation. */
  stationsKm: number;
  /** Sum of officially published route lengths, over the `officialCount` features that have one. */
  officialKm: number;
  officialCount: number;
}

const LENGTH_UNITS = new Set(['公里', 'km', '千米']);

/** The operating length behind a length target, or null when the target is not a length or nothing serves it. */
export function lengthProgress(target: Target, features: readonly PlanFeature[]): LengthProgress | null {
  if (!LENGTH_UNITS.has(target.unit)) return null;
  const serving = features.filter(
    (f) =>
      f.properties.targets.includes(target.id) &&
      f.properties.status === 'operating' &&
      f.properties.length_stations_km !== undefined
  );
  if (serving.length === 0) return null;
  const official = serving.filter((f) => typeof f.properties.length_official_km === 'number');
  return {
    features: serving.length,
    stationsKm: serving.reduce((sum, f) => sum + (f.properties.length_stations_km ?? 0), 0),
    officialKm: official.reduce((sum, f) => sum + (f.properties.length_official_km ?? 0), 0),
    officialCount: official.length
  };
}
