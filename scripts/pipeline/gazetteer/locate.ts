/**
 * Which of Qingdao's districts a gazetteer point lies in, and whether it lies in the district its record
 * names: the check that keeps a name match from putting a town in the wrong place (a plain pinyin match once
 * put 夏庄 of Chengyang at Xiazhuang in Weifang).
 */
import * as turf from '@turf/turf';
import { pointToSegmentSqKm } from '../../../src/lib/geo/measure';
import { polygonsOf, REGION_BUFFER_KM, type Region } from '../features/region';

export type District = Region['districts'][number];
export type LonLat = [number, number];

/** The district a point lies inside, if any. */
export function districtAt(region: Region, [lon, lat]: LonLat): District | undefined {
  return region.districts.find(
    ({ geometry, bbox }) =>
      lon >= bbox[0] &&
      lon <= bbox[2] &&
      lat >= bbox[1] &&
      lat <= bbox[3] &&
      turf.booleanPointInPolygon([lon, lat], geometry)
  );
}

/** Distance in km from a point to one district's outline (0 inside it). */
export function distanceToDistrictKm(district: District, point: LonLat): number {
  if (turf.booleanPointInPolygon(point, district.geometry)) return 0;
  let best = Infinity;
  for (const polygon of polygonsOf(district.geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1];
        const b = ring[i];
        if (a && b) best = Math.min(best, pointToSegmentSqKm(point, a, b));
      }
    }
  }
  return Math.sqrt(best);
}

/**
 * The district a point belongs to: the one it lies inside, else the nearest within REGION_BUFFER_KM (a
 * coastal station just off the ~100 m outline), else none.
 */
export function districtOf(region: Region, point: LonLat): District | undefined {
  const inside = districtAt(region, point);
  if (inside) return inside;
  let best: { district: District; km: number } | undefined;
  for (const district of region.districts) {
    const km = distanceToDistrictKm(district, point);
    if (km <= REGION_BUFFER_KM && (!best || km < best.km)) best = { district, km };
  }
  return best?.district;
}

const formatPoint = ([lon, lat]: LonLat) => `${lat.toFixed(5)} N, ${lon.toFixed(5)} E`;

/**
 * Why a point cannot be the point of a place in district `adcode`, or null when it can: it must lie inside
 * that district, or within REGION_BUFFER_KM of it and inside no other district.
 */
export function ownDistrictProblem(region: Region, point: LonLat, adcode: string): string | null {
  const own = region.districts.find((d) => d.adcode === adcode);
  if (!own) return `no district ${adcode} in the basemap`;
  const inside = districtAt(region, point);
  if (inside?.adcode === adcode) return null;
  const where = formatPoint(point);
  if (inside) {
    return `${where} lies in ${inside.name_zh} (${inside.adcode}), not in ${own.name_zh} (${adcode})`;
  }
  const km = distanceToDistrictKm(own, point);
  if (km <= REGION_BUFFER_KM) return null;
  return `${where} lies outside Qingdao's districts, ${km.toFixed(1)} km from ${own.name_zh} (${adcode})`;
}
