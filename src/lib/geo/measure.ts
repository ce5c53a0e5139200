/**
 * Flat-earth measuring helpers shared by the pipeline, the basemap checks and near-me: at the scale of a
 * city (tens of kilometres) a local equirectangular plane is far more precise than the data it measures.
 */

/** The mean Earth radius turf uses, so that distances agree with turf's. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Kilometres per degree of latitude (and of longitude at the equator) on that sphere. */
export const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;

/** Squared distance from the plane's origin (0, 0) to the segment a–b, in the plane's units squared. */
export function segmentDistanceSq(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq)) : 0;
  const px = ax + t * dx;
  const py = ay + t * dy;
  return px * px + py * py;
}

/**
 * Squared distance in km² from `p` to the segment a–b (all WGS-84 [lon, lat]), in a local equirectangular
 * plane around `p`.
 */
export function pointToSegmentSqKm(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  const lon = p[0] ?? 0;
  const lat = p[1] ?? 0;
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return segmentDistanceSq(
    ((a[0] ?? 0) - lon) * kx,
    ((a[1] ?? 0) - lat) * KM_PER_DEGREE,
    ((b[0] ?? 0) - lon) * kx,
    ((b[1] ?? 0) - lat) * KM_PER_DEGREE
  );
}
