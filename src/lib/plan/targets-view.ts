/**
 * Pure logic behind the targets ledger and the article pages: which kind of quantity a target measures,
 * which period it belongs to, which map features serve it, and the ledger's filters and their URL form.
 * No Svelte, no MapLibre: the pages render what these functions return.
 */
import type { PlanFeature, Target } from './schema';
import { unitScale } from './units';

/** Kinds of quantity, derived from a target's unit; `commitment` for the targets that state no figure. */
export const QUANTITY_KINDS = ['percent', 'money', 'count', 'physical', 'other', 'commitment'] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

/** Period groups of the ledger's filter: by 2025, every year, every two years, anything else. */
export const PERIOD_GROUPS = ['2025', 'annual', 'biennial', 'other'] as const;
export type PeriodGroup = (typeof PERIOD_GROUPS)[number];

export const ON_MAP_VALUES = ['yes', 'no'] as const;
export type OnMap = (typeof ON_MAP_VALUES)[number];

/** Whether any outcome has been published for a target. */
export const OUTCOME_VALUES = ['yes', 'no'] as const;
export type HasOutcome = (typeof OUTCOME_VALUES)[number];

/** Base units (magnitude word removed) that count things: firms, items, people, schools, ships… */
const COUNT_UNITS = new Set([
  '家',
  '个',
  '项',
  '所',
  '名',
  '人',
  '人次',
  '处',
  '条',
  '件',
  '艘',
  '列',
  '台',
  '部',
  '座',
  '户',
  '张',
  '只',
  '次',
  '种',
  '批'
]);

/** Base units of physical measures: length, area, energy and power, mass, containers, concentration. */
const PHYSICAL_UNITS = new Set([
  '公里',
  '千米',
  '米',
  '亩',
  '平方米',
  '平方公里',
  '公顷',
  '千瓦',
  '瓦',
  '千瓦时',
  '度',
  '吨',
  '吨/年',
  '标准箱',
  '立方米',
  '微克/立方米'
]);

/** The unit without its leading magnitude word (万, 亿, 万亿): 万千瓦 → 千瓦, 亿元 → 元. */
export function baseUnit(unit: string): string {
  return unitScale(unit).base;
}

/** The kind of quantity a target measures, from its unit (see QUANTITY_KINDS). */
export function quantityKind(target: Pick<Target, 'kind' | 'unit'>): QuantityKind {
  if (target.kind === 'commitment') return 'commitment';
  const unit = target.unit.trim();
  if (unit === '%' || unit === '个百分点' || unit === '百分点') return 'percent';
  const base = baseUnit(unit);
  if (base === '元') return 'money';
  if (COUNT_UNITS.has(base)) return 'count';
  if (PHYSICAL_UNITS.has(base)) return 'physical';
  return 'other';
}

/** The filter group of a target's period: `2025`, `annual`, `biennial`, or `other` (e.g. 2023–2025). */
export function periodGroup(period: string): PeriodGroup {
  return period === '2025' || period === 'annual' || period === 'biennial' ? period : 'other';
}

/** A feature the map can select, as the pages link to it. */
export interface FeatureRef {
  id: string;
  name_zh: string;
  name_en: string;
}

const GEOMETRY_RANK: Record<string, number> = {
  Polygon: 0,
  MultiPolygon: 0,
  LineString: 1,
  MultiLineString: 1,
  Point: 2,
  MultiPoint: 2
};

/**
 * For every target that some feature lists in its `targets`, the features serving it — areas first,
 * then lines, then points, each in the order of the feature file — so "show on map" picks the feature
 * that shows the most of what the target measures (a metro line rather than one of its stations).
 */
export function featuresByTarget(features: readonly PlanFeature[]): Map<string, FeatureRef[]> {
  const ranked = features
    .map((feature, order) => ({ feature, order, rank: GEOMETRY_RANK[feature.geometry.type] ?? 3 }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  const index = new Map<string, FeatureRef[]>();
  for (const { feature } of ranked) {
    const { id, name_zh, name_en } = feature.properties;
    for (const targetId of feature.properties.targets) {
      const list = index.get(targetId) ?? [];
      list.push({ id, name_zh, name_en });
      index.set(targetId, list);
    }
  }
  return index;
}

/** The ledger's filters. `null` means "any"; `q` is the free-text search, empty for none. */
export interface TargetFilters {
  chapter: number | null;
  kind: QuantityKind | null;
  period: PeriodGroup | null;
  onMap: OnMap | null;
  outcome: HasOutcome | null;
  q: string;
}

export const NO_FILTERS: Readonly<TargetFilters> = Object.freeze({
  chapter: null,
  kind: null,
  period: null,
  onMap: null,
  outcome: null,
  q: ''
});

/** The URL query parameter each filter is kept in. */
const PARAM = {
  chapter: 'chapter',
  kind: 'kind',
  period: 'period',
  onMap: 'map',
  outcome: 'outcome',
  q: 'q'
} as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the filters from a URL query such as `?chapter=5&kind=percent&lang=en`; unknown values mean "any". */
export function parseFilters(search: string | URLSearchParams): TargetFilters {
  return readFilters(search).filters;
}

/** A query parameter the ledger could not use, quoted back as the link's own text (shortened). */
export interface QueryIssue {
  field: string;
  value: string;
  action: 'dropped';
}

/** Parameters of the ledger's query other than its filters. */
const OTHER_PARAMS = ['lang'];

/**
 * The filters a URL query asks for, and each part of it that was not used: a value a filter does not
 * know, a parameter the ledger does not have, a parameter given twice. Never throws.
 */
export function readFilters(search: string | URLSearchParams): {
  filters: TargetFilters;
  issues: QueryIssue[];
} {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const issues: QueryIssue[] = [];
  const quote = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  const drop = (field: string, value: string) =>
    issues.push({ field: quote(field), value: quote(value), action: 'dropped' });
  const known: string[] = [...Object.values(PARAM), ...OTHER_PARAMS];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (key === '' && value === '') continue;
    if (!known.includes(key) || seen.has(key)) drop(key, value);
    seen.add(key);
  }
  const checked = <T>(field: string, value: T | null): T | null => {
    const text = params.get(field);
    if (text !== null && value === null) drop(field, text);
    return value;
  };
  const chapterText = params.get(PARAM.chapter);
  const n = chapterText !== null && /^\d{1,2}$/.test(chapterText) ? Number(chapterText) : null;
  const filters: TargetFilters = {
    chapter: checked(PARAM.chapter, n !== null && n >= 1 && n <= 12 ? n : null),
    kind: checked(PARAM.kind, oneOf(QUANTITY_KINDS, params.get(PARAM.kind))),
    period: checked(PARAM.period, oneOf(PERIOD_GROUPS, params.get(PARAM.period))),
    onMap: checked(PARAM.onMap, oneOf(ON_MAP_VALUES, params.get(PARAM.onMap))),
    outcome: checked(PARAM.outcome, oneOf(OUTCOME_VALUES, params.get(PARAM.outcome))),
    q: (params.get(PARAM.q) ?? '').trim()
  };
  return { filters, issues };
}

/**
 * `search` (a URL query, `?…` or empty) with the filter parameters set to `filters`, every other
 * parameter (the language) kept as it is. Returns `?…`, or an empty string when nothing is left.
 */
export function writeFilters(search: string, filters: TargetFilters): string {
  const params = new URLSearchParams(search);
  for (const key of Object.values(PARAM)) params.delete(key);
  if (filters.chapter !== null) params.set(PARAM.chapter, String(filters.chapter));
  if (filters.kind !== null) params.set(PARAM.kind, filters.kind);
  if (filters.period !== null) params.set(PARAM.period, filters.period);
  if (filters.onMap !== null) params.set(PARAM.onMap, filters.onMap);
  if (filters.outcome !== null) params.set(PARAM.outcome, filters.outcome);
  if (filters.q.trim()) params.set(PARAM.q, filters.q.trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when any filter is set. */
export function hasFilters(filters: TargetFilters): boolean {
  return (
    filters.chapter !== null ||
    filters.kind !== null ||
    filters.period !== null ||
    filters.onMap !== null ||
    filters.outcome !== null ||
    filters.q.trim() !== ''
  );
}

/**
 * What the filters look at: a target and whether some map feature serves it. Of its published figures they
 * only count how many there are, so the ledger page can filter before it has their contents (LedgerFilterRow).
 */
export type LedgerTarget = Omit<Target, 'outcomes'> & { onMap: boolean; outcomes: readonly object[] };

/** Lower-cases, folds full-width forms (１２３, ＡＢＣ) and collapses spaces, for matching typed text. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Every text a search may match in a target: id, metrics, quote, unit, value, article and chapter. */
function searchText(target: LedgerTarget): string {
  const parts = [
    target.id,
    target.metric_zh,
    target.metric_en,
    target.quote_zh,
    target.unit,
    target.value === null ? '' : String(target.value),
    target.article === null ? '' : `第${target.article}条 article ${target.article}`,
    `chapter ${target.chapter}`
  ];
  return normaliseText(parts.join(' \u0000 '));
}

/** Whether `target` passes `filters`; `except` leaves one filter out (to count a filter's options). */
export function matchesFilters(
  target: LedgerTarget,
  filters: TargetFilters,
  except?: keyof TargetFilters
): boolean {
  if (except !== 'chapter' && filters.chapter !== null && target.chapter !== filters.chapter) return false;
  if (except !== 'kind' && filters.kind !== null && quantityKind(target) !== filters.kind) return false;
  if (except !== 'period' && filters.period !== null && periodGroup(target.period) !== filters.period)
    return false;
  if (except !== 'onMap' && filters.onMap !== null && target.onMap !== (filters.onMap === 'yes'))
    return false;
  if (
    except !== 'outcome' &&
    filters.outcome !== null &&
    target.outcomes.length > 0 !== (filters.outcome === 'yes')
  )
    return false;
  if (except !== 'q') {
    const terms = normaliseText(filters.q).split(' ').filter(Boolean);
    if (terms.length > 0) {
      const text = searchText(target);
      if (!terms.every((term) => text.includes(term))) return false;
    }
  }
  return true;
}

/** The targets passing every filter, in their original order. */
export function filterTargets<T extends LedgerTarget>(targets: readonly T[], filters: TargetFilters): T[] {
  return targets.filter((target) => matchesFilters(target, filters));
}

/**
 * How many targets each option of one filter would show, the other filters applied as they are —
 * so the ledger can say "Percentage (12)" before the option is picked.
 */
export function facetCounts<K extends 'chapter' | 'kind' | 'period' | 'onMap' | 'outcome'>(
  targets: readonly LedgerTarget[],
  filters: TargetFilters,
  facet: K
): Map<NonNullable<TargetFilters[K]>, number> {
  const counts = new Map<NonNullable<TargetFilters[K]>, number>();
  const valueOf = (target: LedgerTarget): NonNullable<TargetFilters[K]> => {
    const value =
      facet === 'chapter'
        ? target.chapter
        : facet === 'kind'
          ? quantityKind(target)
          : facet === 'period'
            ? periodGroup(target.period)
            : facet === 'onMap'
              ? target.onMap
                ? 'yes'
                : 'no'
              : target.outcomes.length > 0
                ? 'yes'
                : 'no';
    return value as NonNullable<TargetFilters[K]>;
  };
  for (const target of targets) {
    if (!matchesFilters(target, filters, facet)) continue;
    const value = valueOf(target);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** Groups items by chapter, chapters in ascending order, items in their original order within each. */
export function groupByChapter<T extends { chapter: number }>(
  items: readonly T[]
): { chapter: number; items: T[] }[] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(item.chapter) ?? [];
    list.push(item);
    groups.set(item.chapter, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([chapter, list]) => ({ chapter, items: list }));
}

/** A target as the pages show it: with the feature "show on map" selects and how many features serve it. */
export type TargetRow = Target & {
  onMap: boolean;
  /** The feature that best shows the target on the map (see featuresByTarget), or null when none does. */
  mapFeature: FeatureRef | null;
  /** How many map features list the target. */
  featureCount: number;
};

/**
 * A ledger row as the page's filters need it before it shows any row itself: the row less the feature it
 * links to and the contents of its published figures (the period of each is kept). About a third of the row.
 */
export type LedgerFilterRow = Omit<TargetRow, 'mapFeature' | 'featureCount' | 'outcomes'> & {
  outcomes: { period: string }[];
};

export function ledgerFilterRow(row: TargetRow): LedgerFilterRow {
  const { id, kind, article, chapter, metric_zh, metric_en, value, unit, comparator, period, quote_zh } = row;
  return {
    ...{ id, kind, article, chapter, metric_zh, metric_en, value, unit, comparator, period, quote_zh },
    onMap: row.onMap,
    outcomes: row.outcomes.map((o) => ({ period: o.period }))
  };
}

/** The targets with what the map knows of them, in their original order. */
export function targetRows(targets: readonly Target[], features: readonly PlanFeature[]): TargetRow[] {
  const index = featuresByTarget(features);
  return targets.map((target) => {
    const serving = index.get(target.id) ?? [];
    return {
      ...target,
      onMap: serving.length > 0,
      mapFeature: serving[0] ?? null,
      featureCount: serving.length
    };
  });
}

/** The bounding box `[west, south, east, north]` of the features' coordinates, or null when there are none. */
export function featureBounds(features: readonly GeoJSON.Feature[]): [number, number, number, number] | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (coords: unknown): void => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      const [lon, lat] = coords as [number, number];
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      return;
    }
    for (const inner of coords) visit(inner);
  };
  const visitGeometry = (geometry: GeoJSON.Geometry | null): void => {
    if (!geometry) return;
    if (geometry.type === 'GeometryCollection') geometry.geometries.forEach(visitGeometry);
    else visit(geometry.coordinates);
  };
  for (const feature of features) visitGeometry(feature.geometry);
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
