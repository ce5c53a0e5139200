/**
 * What a briefing shows of a target: the plan's figure, where it stands by the latest published figure,
 * and whether a bar can be drawn. A bar needs a like-for-like figure with a share of the target; anything
 * else shows the figure as published (or a clear "nothing published" mark) and no bar.
 */
import { latestOutcome, standingState, targetStanding, type StandingState } from '$lib/plan/outcomes';
import type { Outcome, Target } from '$lib/plan/schema';

export interface TargetDisplay {
  id: string;
  metric_zh: string;
  metric_en: string;
  /** The target's comparator, value and unit, as the plan states it. */
  goal: Pick<Target, 'comparator' | 'value' | 'unit' | 'period'>;
  state: StandingState;
  /** The figure shown: the one compared with the target, else the latest of any kind; null when none is published. */
  outcome: Outcome | null;
  /** Whether the figure shown is compared with the target. */
  compared: boolean;
  /** The bar's length, 0–1 (a figure past the target fills it); null when no bar is drawn. */
  bar: number | null;
  /** The share of the target the figure reaches (may exceed 1), for the label beside the bar; null with no bar. */
  share: number | null;
}

export function targetDisplay(target: Target): TargetDisplay {
  const standing = targetStanding(target, target.outcomes);
  const outcome = standing?.outcome ?? latestOutcome(target.outcomes);
  const share = standing?.share ?? null;
  return {
    id: target.id,
    metric_zh: target.metric_zh,
    metric_en: target.metric_en,
    goal: { comparator: target.comparator, value: target.value, unit: target.unit, period: target.period },
    state: standingState(target),
    outcome,
    compared: standing !== null,
    bar: share === null || !Number.isFinite(share) ? null : Math.max(0, Math.min(1, share)),
    share: share === null || !Number.isFinite(share) ? null : share
  };
}

/** The targets named by id, in the order named; ids the data does not have are left out. */
export function targetsById(all: readonly Target[], ids: readonly string[]): Target[] {
  const byId = new Map(all.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)).filter((t): t is Target => t !== undefined);
}
