/** Summary statistics for the benchmark's repeated measurements. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  q1: number;
  q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (at - lo);
}

/** Median, extremes and quartiles of the finite values; null when there are none. */
export function summarise(values: readonly (number | null | undefined)[]): Summary | null {
  const sorted = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75)
  };
}

/** `12.3 (11.9–13.0)`: the median, then min–max, with the given number of decimals. */
export function formatSummary(summary: Summary | null, decimals = 0, unit = ''): string {
  if (!summary) return 'n/a';
  const f = (v: number) => v.toFixed(decimals);
  if (summary.n === 1 || summary.min === summary.max) return `${f(summary.median)}${unit}`;
  return `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})`;
}
