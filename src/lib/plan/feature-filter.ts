/** Which plan features a view shows: by layer, by status and by the chapter whose articles name them. */
import type { Article, PlanFeature } from './schema';
import { STATUSES } from './vocabulary';
import { DEFAULT_LAYER_IDS, LAYER_IDS } from './layer-ids';

export interface FeatureFilter {
  /** Visible layer ids; null means the default (`DEFAULT_LAYER_IDS`). */
  layers: readonly string[] | null;
  /** Statuses shown; null means all. */
  statuses: readonly string[] | null;
  /** Chapter whose articles must name the feature; null means any. */
  chapter: number | null;
}

/** The layer ids a filter shows. */
export function visibleLayerIds(filter: Pick<FeatureFilter, 'layers'>): Set<string> {
  return new Set(filter.layers ?? DEFAULT_LAYER_IDS);
}

/** A predicate for the features a filter keeps; `articles` resolves article numbers to chapters. */
export function featurePredicate(
  filter: FeatureFilter,
  articles: readonly Pick<Article, 'n' | 'chapter'>[]
): (feature: PlanFeature) => boolean {
  const layers = visibleLayerIds(filter);
  const statuses = filter.statuses ? new Set(filter.statuses) : null;
  const chapterOf = new Map(articles.map((a) => [a.n, a.chapter]));
  return (feature) => {
    const p = feature.properties;
    if (!layers.has(p.layer)) return false;
    if (statuses && !statuses.has(p.status)) return false;
    if (filter.chapter !== null && !p.articles.some((n) => chapterOf.get(n) === filter.chapter)) return false;
    return true;
  };
}

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

/** How each kind of feature is drawn — as an area, a line or a point — so legends show symbols as drawn. */
export function shapesOfKinds(features: readonly PlanFeature[]): Map<string, 'area' | 'line' | 'point'> {
  const shapes = new Map<string, 'area' | 'line' | 'point'>();
  for (const f of features) {
    const type = f.geometry.type;
    shapes.set(
      f.properties.kind,
      type.includes('Polygon') ? 'area' : type.includes('Line') ? 'line' : 'point'
    );
  }
  return shapes;
}
