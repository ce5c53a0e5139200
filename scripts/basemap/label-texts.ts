/**
 * Every text the map's labels draw: the district names of the embedded basemap and the plan's feature
 * names (stations, lines, points, areas), each in both languages, since the interface can switch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFeatures } from '../steps/features-geojson';
import { buildPlan } from '../steps/plan-json';

interface NamedProperties {
  name_zh: string;
  name_en: string;
}

export function mapLabelTexts(root = process.cwd()): string[] {
  const districts = JSON.parse(
    readFileSync(join(root, 'static', 'geo', 'district-labels.geojson'), 'utf8')
  ) as GeoJSON.FeatureCollection<GeoJSON.Point, NamedProperties>;
  const features = buildFeatures(buildPlan()).features;
  return [...districts.features, ...features].flatMap((f) => [f.properties.name_zh, f.properties.name_en]);
}
