/** Coordinate systems as a planner reads them: the datum's usual name, or the EPSG code with its name. */
import { PROJECTED } from '$lib/import/crs';

export function crsName(crs: string, prjName?: string): string {
  if (crs === 'WGS84') return 'WGS-84 / CGCS2000';
  if (crs === 'GCJ02') return 'GCJ-02';
  if (crs === 'BD09') return 'BD-09';
  if (crs === 'prj') return prjName ? `.prj: ${prjName}` : '.prj';
  const known = PROJECTED[crs];
  return known ? `${crs} · ${known.name}` : crs;
}
