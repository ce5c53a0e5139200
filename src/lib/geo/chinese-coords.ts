/**
 * Conversions between WGS-84 and the two offset systems Chinese web maps publish in: GCJ-02 (the
 * obfuscated datum that Amap, Tencent and most Chinese web maps publish in) and BD-09 (Baidu's
 * further offset of GCJ-02). Every point is `[lon, lat]` in degrees.
 *
 * GCJ-02's forward transform is a published closed form (Krasovsky 1940 ellipsoid constants and two
 * trigonometric series). It has no closed-form inverse, so `gcj02ToWgs84` solves it by fixed-point
 * iteration: the offset changes slowly with position, so a few steps reach sub-millimetre agreement.
 */

export type LonLat = readonly [number, number];

/** Semi-major axis of the Krasovsky 1940 ellipsoid that GCJ-02 is defined on, in metres. */
const KRASOVSKY_A = 6378245.0;
/** First eccentricity squared of the Krasovsky 1940 ellipsoid. */
const KRASOVSKY_EE = 0.006693421622965943;
/** BD-09 scales its angular perturbation by this factor of π. */
const BD_X_PI = (Math.PI * 3000.0) / 180.0;

/** Whether a point lies outside the rough mainland-China box where GCJ-02 offsets apply. */
export function isOutsideChina([lon, lat]: LonLat): boolean {
  // The conventional rectangle used by GCJ-02 implementations: coarse at the borders (it takes in
  // parts of neighbouring countries), but it is what the offset data itself was produced with.
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

/** Latitude series of the GCJ-02 offset, in degrees-equivalent before ellipsoid scaling. */
function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

/** Longitude series of the GCJ-02 offset, in degrees-equivalent before ellipsoid scaling. */
function offsetLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 shift `[dLon, dLat]` in degrees that is added to a WGS-84 point. */
function gcjDelta(lon: number, lat: number): [number, number] {
  const x = lon - 105.0;
  const y = lat - 35.0;
  const radLat = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(radLat);
  const magic = 1 - KRASOVSKY_EE * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);
  // Metres-per-degree of the Krasovsky ellipsoid along the meridian and the parallel.
  const dLat =
    (offsetLat(x, y) * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (offsetLon(x, y) * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

/** Converts a WGS-84 point to GCJ-02; points outside China are returned unchanged. */
export function wgs84ToGcj02(point: LonLat): [number, number] {
  const [lon, lat] = point;
  if (isOutsideChina(point)) return [lon, lat];
  const [dLon, dLat] = gcjDelta(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** Converts a GCJ-02 point to WGS-84 by iterating the forward transform to within ~1e-9° (~0.1 mm). */
export function gcj02ToWgs84(point: LonLat): [number, number] {
  const [gLon, gLat] = point;
  if (isOutsideChina(point)) return [gLon, gLat];
  // Start from the point shifted back by its own offset, then correct by the residual until the
  // forward transform of the estimate lands on the input.
  let lon = gLon;
  let lat = gLat;
  for (let i = 0; i < 30; i++) {
    const [fLon, fLat] = wgs84ToGcj02([lon, lat]);
    const eLon = fLon - gLon;
    const eLat = fLat - gLat;
    lon -= eLon;
    lat -= eLat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
  }
  return [lon, lat];
}

/** Converts a BD-09 (Baidu) point to GCJ-02, refining the published inverse against `gcj02ToBd09`. */
export function bd09ToGcj02(point: LonLat): [number, number] {
  const [bdLon, bdLat] = point;
  // The commonly published inverse is only approximate (metres off); a few fixed-point steps make
  // it the exact inverse of the forward formula.
  const x = bdLon - 0.0065;
  const y = bdLat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
  let lon = z * Math.cos(theta);
  let lat = z * Math.sin(theta);
  for (let i = 0; i < 10; i++) {
    const [fLon, fLat] = gcj02ToBd09([lon, lat]);
    const eLon = fLon - bdLon;
    const eLat = fLat - bdLat;
    lon -= eLon;
    lat -= eLat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
  }
  return [lon, lat];
}

/** Converts a GCJ-02 point to BD-09 (Baidu). */
export function gcj02ToBd09([lon, lat]: LonLat): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** Converts a BD-09 (Baidu) point to WGS-84, through GCJ-02. */
export function bd09ToWgs84(point: LonLat): [number, number] {
  return gcj02ToWgs84(bd09ToGcj02(point));
}

/** Converts a WGS-84 point to BD-09 (Baidu), through GCJ-02. */
export function wgs84ToBd09(point: LonLat): [number, number] {
  return gcj02ToBd09(wgs84ToGcj02(point));
}
