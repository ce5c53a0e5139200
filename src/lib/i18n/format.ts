/** Formatting of plan figures for display, in either language. */
import type { Target } from '$lib/plan/schema';
import type { Lang } from './lang';

/** "by 2025", "every year"… for a target's period. */
export function formatPeriod(period: string, lang: Lang): string {
  if (period === 'annual') return lang === 'zh' ? '每年' : 'every year';
  if (period === 'biennial') return lang === 'zh' ? '每两年' : 'every two years';
  if (/^\d{4}$/.test(period)) return lang === 'zh' ? `到${period}年` : `by ${period}`;
  return period;
}

/** "≥ 352 公里" — comparator, value and the plan's own unit; empty for a commitment without a figure. */
export function formatTargetFigure(target: Pick<Target, 'comparator' | 'value' | 'unit'>): string {
  if (target.value === null) return '';
  const value = target.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return [target.comparator, value, target.unit].filter(Boolean).join(' ');
}

/** A length in kilometres with one decimal. */
export function formatKm(km: number): string {
  return `${km.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`;
}

/** Fills `{name}` placeholders of an interface string: fill('Showing {n} of {total}', { n: 3, total: 9 }). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
}
