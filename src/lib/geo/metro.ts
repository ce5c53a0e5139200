/**
 * Geometry of metro lines drawn through their stations. Pure functions on WGS-84 `[lon, lat]` positions:
 * the pipeline builds features with them and the tests check the curated data with them.
 */
import { distance, length, lineString, point } from '@turf/turf';
import type { LineString, Point } from 'geojson';

/** A WGS-84 position, longitude first. */
export type LonLat = [number, number];

/** The LineString through the stations' positions in the order given (at least two). */
export function stationsLine(positions: readonly LonLat[]): LineString {
  if (positions.length < 2) throw new RangeError(`a line needs at least 2 stations, got ${positions.length}`);
  return lineString(positions.map(([lon, lat]) => [lon, lat])).geometry;
}

/** Length of a LineString in kilometres (great-circle distance between consecutive vertices). */
export function lineLengthKm(line: LineString): number {
  return length({ type: 'Feature', properties: {}, geometry: line }, { units: 'kilometers' });
}

/** Great-circle distances in kilometres from each station to the next, in order. */
export function stationGapsKm(positions: readonly LonLat[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < positions.length; i++) {
    const from = positions[i - 1];
    const to = positions[i];
    if (from && to) gaps.push(distance(from, to, { units: 'kilometers' }));
  }
  return gaps;
}

/** The Point geometry of one station. */
export function stationPoint([lon, lat]: LonLat): Point {
  return point([lon, lat]).geometry;
}
