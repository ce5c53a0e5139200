/** Formatting of plan figures for display, in either language. */
import type { Outcome, Target } from '$lib/plan/schema';
import type { OutcomeQualifier } from '$lib/plan/vocabulary';
import type { Lang } from './lang';

export { fill } from './fill';

/** "by 2025", "every year"… for a target's period. */
export function formatPeriod(period: string, lang: Lang): string {
  if (period === 'annual') return lang === 'zh' ? '每年' : 'every year';
  if (period === 'biennial') return lang === 'zh' ? '每两年' : 'every two years';
  if (/^\d{4}$/.test(period)) return lang === 'zh' ? `到${period}年` : `by ${period}`;
  return period;
}

/**
 * `value` as en-US prints it with at most `max` decimals (at least `min`): thousands separated by commas,
 * rounded half away from zero, as `toLocaleString('en-US', …)` does. Like Intl, it rounds the number's shortest
 * decimal form (what `String(value)` gives, and what the data wrote), not the binary value behind it: 1.005 is
 * stored as 1.00499…, and `toFixed(2)` would print 1.00 where the plan means 1.01. Written out because
 * `toLocaleString` with options makes a new formatter for every number, and the first `Intl.NumberFormat` a
 * page makes loads the locale's data: together most of the time the ledger took to render its entries.
 */
export function formatDecimal(value: number, max: number, min = 0): string {
  const [whole, fraction] = roundShortestDecimal(Math.abs(value), max);
  const digits = fraction.slice(0, min) + fraction.slice(min).replace(/0+$/, '');
  const sign = value < 0 && /[1-9]/.test(whole + digits) ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${digits ? `.${digits}` : ''}`;
}

/** A finite non-negative number's shortest decimal form rounded half up to `decimals` places: [whole, fraction]. */
function roundShortestDecimal(abs: number, decimals: number): [string, string] {
  // String() gives the shortest form that reads back as the same number, in exponent form below 1e-6 and
  // from 1e21 on: "1.5e-7", "1e+21".
  const parts = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(abs));
  if (!parts) throw new RangeError(`formatDecimal: cannot format ${abs}`);
  const [, integer = '', decimalsWritten = '', exponent = '0'] = parts;
  let digits = integer + decimalsWritten;
  let point = integer.length + Number(exponent); // digits before the decimal point
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const kept = point + decimals;
  let rounded = BigInt(digits.slice(0, kept).padEnd(kept, '0') || '0');
  if ((digits[kept] ?? '0') >= '5') rounded += 1n;
  const text = rounded.toString().padStart(decimals + 1, '0');
  return [text.slice(0, text.length - decimals), text.slice(text.length - decimals)];
}

/** "≥ 352 公里" — comparator, value and the plan's own unit; empty for a commitment without a figure. */
export function formatTargetFigure(target: Pick<Target, 'comparator' | 'value' | 'unit'>): string {
  if (target.value === null) return '';
  return [target.comparator, formatDecimal(target.value, 2), target.unit].filter(Boolean).join(' ');
}

/** A length in kilometres with one decimal. */
export function formatKm(km: number): string {
  return `${formatDecimal(km, 1, 1)} km`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDate(date: string, lang: Lang): string {
  const [year = '', month, day] = date.split('-');
  if (month === undefined) return lang === 'zh' ? `${year}年` : year;
  const m = Number(month);
  if (lang === 'zh') return `${year}年${m}月${day === undefined ? '' : `${Number(day)}日`}`;
  return `${day === undefined ? '' : `${Number(day)} `}${MONTHS_EN[m - 1] ?? month} ${year}`;
}

/** "2024年", "2024年6月", "2024年1月–2024年6月" / "2024", "Jun 2024", "Jan 2024 – Jun 2024" for an outcome's period. */
export function formatOutcomePeriod(period: string, lang: Lang): string {
  const [from = '', to] = period.split('/');
  if (to === undefined) return formatDate(from, lang);
  return `${formatDate(from, lang)}${lang === 'zh' ? '–' : ' – '}${formatDate(to, lang)}`;
}

const QUALIFIER_WORDS: Record<OutcomeQualifier, Record<Lang, string>> = {
  exact: { zh: '', en: '' },
  'at-least': { zh: '逾', en: 'over' },
  about: { zh: '约', en: 'about' },
  estimate: { zh: '预计', en: 'forecast' }
};

/** "逾 348 公里", "about 99 %": a published figure as printed, with the word that qualifies it. */
export function formatOutcomeFigure(
  outcome: Pick<Outcome, 'value' | 'unit' | 'qualifier'>,
  lang: Lang
): string {
  return [QUALIFIER_WORDS[outcome.qualifier][lang], formatDecimal(outcome.value, 2), outcome.unit]
    .filter(Boolean)
    .join(' ');
}

/** A near-me distance: metres to the nearest 10 under a kilometre, kilometres with one decimal above. */
export function formatDistance(km: number): string {
  const metres = Math.round(km * 100) * 10;
  return metres < 1000 ? `${metres} m` : formatKm(km);
}
