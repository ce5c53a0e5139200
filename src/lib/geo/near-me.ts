/**
 * Near me: the radius as the map draws it (the URL's radius is brought into range by url-state.ts). Pure,
 * so the page and the tests share it. The features inside the radius are ranked by nearby.ts (true
 * distance to a point, the nearest point of a line, 0 inside an area), which only the near-me panel loads.
 */
import type { Feature, Polygon } from 'geojson';
import { EARTH_RADIUS_KM } from './measure';
import type { LonLat } from './nearby';

const RAD = Math.PI / 180;

/**
 * The circle of `radiusKm` around `origin` as a closed polygon of `steps` vertices, each at that
 * great-circle distance on turf's sphere, so the ring drawn is the radius the list uses.
 */
export function radiusCircle(origin: LonLat, radiusKm: number, steps = 96): Feature<Polygon> {
  const [lon, lat] = origin;
  const phi1 = lat * RAD;
  const delta = radiusKm / EARTH_RADIUS_KM;
  const ring: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    const theta = (i / steps) * 2 * Math.PI;
    const phi2 = Math.asin(
      Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta)
    );
    const lambda =
      Math.atan2(
        Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
        Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2)
      ) / RAD;
    ring.push([lon + lambda, phi2 / RAD]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}
