/**
 * Where a target stands: pure logic over its published outcomes. Only a like-for-like figure is compared
 * with the target; every other figure is shown as published, with its caveat, and compared with nothing.
 */
import type { Outcome, Target } from './schema';
import { convertValue } from './units';

/** The first and last day an outcome's period covers, as `YYYY-MM-DD` (`2024-06` → 06-01 … 06-30). */
export function periodBounds(period: string): { start: string; end: string } {
  const [from = '', to = from] = period.split('/');
  return { start: dayBound(from, 'start'), end: dayBound(to, 'end') };
}

function dayBound(date: string, side: 'start' | 'end'): string {
  const [year = '', month, day] = date.split('-');
  if (day !== undefined) return date;
  if (month !== undefined) {
    if (side === 'start') return `${year}-${month}-01`;
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return `${year}-${month}-${String(last).padStart(2, '0')}`;
  }
  return side === 'start' ? `${year}-01-01` : `${year}-12-31`;
}

/**
 * ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) in time order. Compared as plain strings, which for this form is
 * time order: `localeCompare` sets up the locale's collation on its first use, a long task on a phone.
 */
const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Outcomes in the order a series reads: by the end of their period, then by publication date. */
export function sortOutcomes<O extends Outcome>(outcomes: readonly O[]): O[] {
  return [...outcomes].sort(
    (a, b) =>
      byDate(periodBounds(a.period).end, periodBounds(b.period).end) ||
      byDate(a.source.published ?? '', b.source.published ?? '')
  );
}

/** The latest published outcome of any kind, or null: what "the latest published figure" shows. */
export function latestOutcome<O extends Outcome>(outcomes: readonly O[]): O | null {
  return sortOutcomes(outcomes).at(-1) ?? null;
}

export interface Standing {
  /** The latest like-for-like outcome, the one compared with the target. */
  outcome: Outcome;
  /** The outcome in the target's unit (9,777 家 against a target in 万家 → 0.9777). */
  value: number;
  /** The outcome as a share of the target figure, for targets to reach or approach; null for ceilings. */
  share: number | null;
  /** Whether the figure is at the target's level; null when that cannot be told (a lower bound short of it). */
  met: boolean | null;
  /** True when the figure covers the target's deadline (its last year, or a whole year for annual targets). */
  final: boolean;
}

/** The year a target is due, or null for annual and biennial targets. */
function deadlineYear(period: string): number | null {
  const years = period.match(/\d{4}/g);
  return years ? Number(years.at(-1)) : null;
}

function isWholeYear(period: string): boolean {
  const { start, end } = periodBounds(period);
  return start.slice(5) === '01-01' && end.slice(5) === '12-31' && start.slice(0, 4) === end.slice(0, 4);
}

/**
 * Where a target stands by its latest like-for-like, re-checked outcome, or null when it has none. A lower bound
 * (「突破348公里」) counts as met only when the bound itself reaches the target.
 */
export function targetStanding(
  target: Pick<Target, 'value' | 'unit' | 'comparator' | 'period'>,
  outcomes: readonly Outcome[]
): Standing | null {
  // A figure that could not be read again in its source is listed, never compared.
  const outcome = latestOutcome(outcomes.filter((o) => o.like_for_like && o.checked));
  if (!outcome) return null;
  const value = convertValue(outcome.value, outcome.unit, target.unit) ?? outcome.value;
  const due = deadlineYear(target.period);
  const end = periodBounds(outcome.period).end;
  const final = due === null ? isWholeYear(outcome.period) : end >= `${due}-12-01`;
  if (target.value === null || target.comparator === null) {
    return { outcome, value, share: null, met: null, final };
  }
  const goal = target.value;
  const lowerBound = outcome.qualifier === 'at-least';
  let met: boolean | null;
  switch (target.comparator) {
    case '≥':
      met = value >= goal ? true : lowerBound ? null : false;
      break;
    case '>':
      met = value > goal ? true : lowerBound ? null : false;
      break;
    case '≤':
      met = value <= goal ? (lowerBound ? null : true) : false;
      break;
    case '<':
      met = value < goal ? (lowerBound ? null : true) : false;
      break;
    case '=':
      met = value >= goal ? true : lowerBound ? null : false;
      break;
    case '≈':
      met = null;
      break;
  }
  const ceiling = target.comparator === '≤' || target.comparator === '<';
  const share = ceiling || goal <= 0 ? null : value / goal;
  return { outcome, value, share, met, final };
}

/**
 * A target's standing in one word: `met`, `not-met` (short at its deadline, or above a ceiling), `progress`
 * (a comparable figure on the way), `not-comparable` (figures published, none like for like) or `none`
 * (nothing published). The target ledger, the map panel and near-me all label targets by it.
 */
export type StandingState = 'met' | 'not-met' | 'progress' | 'not-comparable' | 'none';

export function standingState(
  target: Pick<Target, 'value' | 'unit' | 'comparator' | 'period' | 'outcomes'>
): StandingState {
  if (target.outcomes.length === 0) return 'none';
  const standing = targetStanding(target, target.outcomes);
  if (!standing) return 'not-comparable';
  if (standing.met === true) return 'met';
  if (standing.met === false && (standing.final || standing.share === null)) return 'not-met';
  return 'progress';
}

/** How many of `targets` stand in each state: the compact line near-me shows for a feature. */
export function standingCounts(
  targets: readonly Pick<Target, 'value' | 'unit' | 'comparator' | 'period' | 'outcomes'>[]
): Record<StandingState, number> {
  const counts: Record<StandingState, number> = {
    met: 0,
    'not-met': 0,
    progress: 0,
    'not-comparable': 0,
    none: 0
  };
  for (const target of targets) counts[standingState(target)]++;
  return counts;
}
