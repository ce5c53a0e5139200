/** What the layers panel, legends and slide editor compute from a filter: counts, toggled filters, shapes. */
import type { Article, PlanFeature } from './schema';
import { STATUSES } from './vocabulary';
import { LAYER_IDS } from './layer-ids';
import { featurePredicate, visibleLayerIds, type FeatureFilter } from './feature-filter';

/** How many features each layer has under the filter's status and chapter (ignoring layer visibility). */
export function countByLayer(
  features: readonly PlanFeature[],
  filter: FeatureFilter,
  articles: readonly Pick<Article, 'n' | 'chapter'>[]
): Map<string, number> {
  const keep = featurePredicate({ ...filter, layers: LAYER_IDS }, articles);
  const counts = new Map<string, number>();
  for (const feature of features) {
    // A place outside Qingdao is drawn for context only: it is never counted as one of the plan's.
    if (feature.properties.outside_qingdao) continue;
    if (keep(feature)) counts.set(feature.properties.layer, (counts.get(feature.properties.layer) ?? 0) + 1);
  }
  return counts;
}

/** The filter with one layer switched on or off; layers are kept in registry order. */
export function toggleLayer(filter: FeatureFilter, id: string): FeatureFilter {
  const visible = visibleLayerIds(filter);
  if (visible.has(id)) visible.delete(id);
  else visible.add(id);
  return { ...filter, layers: LAYER_IDS.filter((l) => visible.has(l)) };
}

/** The filter with one status switched on or off; all statuses on is the default (null). */
export function toggleStatus(filter: FeatureFilter, status: (typeof STATUSES)[number]): FeatureFilter {
  const shown = new Set(filter.statuses ?? STATUSES);
  if (shown.has(status)) shown.delete(status);
  else shown.add(status);
  return {
    ...filter,
    statuses: shown.size === STATUSES.length ? null : STATUSES.filter((s) => shown.has(s))
  };
}

/** How a feature is drawn: as an area, a line or a point. */
export function shapeOf(feature: PlanFeature): 'area' | 'line' | 'point' {
  const type = feature.geometry.type;
  return type.includes('Polygon') ? 'area' : type.includes('Line') ? 'line' : 'point';
}
