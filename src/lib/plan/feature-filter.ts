/**
 * Which plan features a view shows: by layer, by status and by the chapter whose articles name them. What
 * the panels compute from a filter (counts, toggles, legend shapes) is in filter-controls.ts, which comes
 * with them rather than with the map's first frame.
 */
import type { Article, PlanFeature } from './schema';
import { DEFAULT_LAYER_IDS } from './layer-ids';

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
