/**
 * The map's list twin: the features the map shows under the current view and filters, as rows in a
 * sensible order — nearest first while near-me has an origin, otherwise by layer and kind (the legend's
 * order) and then by name. Pure, so the page and the tests share it; a few hundred features take well
 * under a millisecond, and each feature's box is measured once.
 */
import { boundsOverlap, geometryBounds, type Bounds } from '$lib/geo/bounds';
import { distanceToGeometryKm, type LonLat } from '$lib/geo/nearby';
import type { Lang } from '$lib/i18n/lang';
import { LAYERS } from './layers';
import type { PlanFeature } from './schema';

export interface ListRow {
  feature: PlanFeature;
  /** Kilometres from the near-me origin (0 inside an area), or null while near-me has no origin. */
  distanceKm: number | null;
}

export interface ListOptions {
  /** The map's view as `[west, south, east, north]`, or null for no view (no map): every feature given. */
  view: Readonly<Bounds> | null;
  /** The near-me origin, or null. */
  origin: LonLat | null;
  /** The language names are sorted in. */
  lang: Lang;
}

const boxes = new WeakMap<PlanFeature, Bounds>();

/** A feature's `[west, south, east, north]` box, measured once per feature object. */
export function featureBox(feature: PlanFeature): Bounds {
  let box = boxes.get(feature);
  if (!box) {
    box = geometryBounds(feature);
    boxes.set(feature, box);
  }
  return box;
}

/** The features any part of whose box lies in the view; all of them when there is no view. */
export function featuresInView(
  features: readonly PlanFeature[],
  view: Readonly<Bounds> | null
): PlanFeature[] {
  if (!view) return [...features];
  return features.filter((feature) => boundsOverlap(featureBox(feature), view));
}

/** Layer registry order, then each layer's legend order: kinds listed as the layers panel explains them. */
const KIND_RANK: ReadonlyMap<string, number> = new Map(
  LAYERS.flatMap((layer) => layer.legend.map((entry) => `${layer.id}/${entry.kind}`)).map((key, i) => [
    key,
    i
  ])
);

function kindRank(feature: PlanFeature): number {
  return KIND_RANK.get(`${feature.properties.layer}/${feature.properties.kind}`) ?? KIND_RANK.size;
}

const collators: Partial<Record<Lang, Intl.Collator>> = {};

/** Names compared as people read them: 2号线 before 11号线, Chinese by the locale's collation. */
function collator(lang: Lang): Intl.Collator {
  return (collators[lang] ??= new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { numeric: true }));
}

/** The list's rows: the features in the view, nearest first with an origin, else by kind and name. */
export function listRows(features: readonly PlanFeature[], options: ListOptions): ListRow[] {
  const { view, origin, lang } = options;
  const names = collator(lang);
  const nameOf = (f: PlanFeature) => (lang === 'zh' ? f.properties.name_zh : f.properties.name_en);
  const byName = (a: ListRow, b: ListRow) =>
    names.compare(nameOf(a.feature), nameOf(b.feature)) ||
    a.feature.properties.id.localeCompare(b.feature.properties.id);
  const rows = featuresInView(features, view).map((feature) => ({
    feature,
    distanceKm: origin ? distanceToGeometryKm(feature.geometry, origin) : null
  }));
  if (origin) return rows.sort((a, b) => a.distanceKm! - b.distanceKm! || byName(a, b));
  return rows.sort((a, b) => kindRank(a.feature) - kindRank(b.feature) || byName(a, b));
}

/** The index a key moves the active row to in a list of `count` rows, or null for keys the list ignores. */
export function nextRowIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, index + 10);
    case 'PageUp':
      return Math.max(0, index - 10);
    default:
      return null;
  }
}
