/** The plan's metro stations as the datum suggestion needs them, from the site's features (static/data). */
import type { FeatureCollection } from 'geojson';
import type { Station } from './types';

/** Every `metro-station` Point of the site's FeatureCollection, with its Chinese and English names. */
export function stationsFromFeatures(fc: FeatureCollection): Station[] {
  const out: Station[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (p.kind !== 'metro-station' || f.geometry?.type !== 'Point' || typeof p.name_zh !== 'string') continue;
    const [lon, lat] = f.geometry.coordinates;
    if (typeof lon !== 'number' || typeof lat !== 'number') continue;
    out.push({
      name_zh: p.name_zh,
      ...(typeof p.name_en === 'string' ? { name_en: p.name_en } : {}),
      lonlat: [lon, lat]
    });
  }
  return out;
}
