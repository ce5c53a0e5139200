/**
 * The exported image's legend: the layers that have something in view, in the layers panel's order and
 * under the names it shows, each with the kinds of feature in view drawn as the map draws them (area, line
 * or point in the layer's colour) and, for transport, each metro line in view in its own colour. Pure.
 */
import type { Lang } from '$lib/i18n/lang';
import { shapesOfKinds } from '$lib/plan/filter-controls';
import { LAYERS } from '$lib/plan/layers';
import type { PlanFeature } from '$lib/plan/schema';
import { UNCOLOURED_LINE } from '$lib/map/colour';

export interface LegendItem {
  label: string;
  shape: 'area' | 'line' | 'point';
  colour: string;
  /** Drawn dashed (a metro line not yet running). */
  dashed: boolean;
}

export interface LegendGroup {
  layer: string;
  name: string;
  colour: string;
  items: LegendItem[];
}

/** The legend for the features in view, under the names of `lang`. */
export function legendGroups(features: readonly PlanFeature[], lang: Lang): LegendGroup[] {
  const groups: LegendGroup[] = [];
  for (const layer of LAYERS) {
    const mine = features.filter((f) => f.properties.layer === layer.id);
    if (mine.length === 0) continue;
    const shapes = shapesOfKinds(mine);
    const metro = mine
      .filter((f) => f.properties.kind === 'metro-line')
      .sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en', { numeric: true }));
    // Metro lines are listed one by one in their own colours, not as one entry in the layer's colour.
    const items: LegendItem[] = layer.legend
      .filter((kind) => shapes.has(kind.kind) && kind.kind !== 'metro-line')
      .map((kind) => ({
        label: lang === 'zh' ? kind.name_zh : kind.name_en,
        shape: shapes.get(kind.kind)!,
        colour: layer.colour,
        dashed: false
      }));
    for (const line of metro)
      items.push({
        label: lang === 'zh' ? line.properties.name_zh : line.properties.name_en,
        shape: 'line',
        colour: line.properties.color ?? UNCOLOURED_LINE,
        dashed: line.properties.status !== 'operating'
      });
    groups.push({
      layer: layer.id,
      name: lang === 'zh' ? layer.name_zh : layer.name_en,
      colour: layer.colour,
      items
    });
  }
  return groups;
}
