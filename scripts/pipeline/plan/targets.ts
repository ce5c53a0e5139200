/**
 * The plan's targets: curated records (data/plan/targets.json), checked against the official text.
 *
 * Reading rules — the same for every record, and enforced below wherever the wording allows:
 *
 * - A target is either a `quantity` (a figure the plan sets) or a `commitment`: a definite, checkable
 *   end-state stated without a figure — full coverage (全覆盖, 全部…完成), zero or elimination (清零, 消除,
 *   不发生, 淘汰), a direction for a measured quantity (负增长, 稳步增长, 只增不减, 总体稳定, 基本同步,
 *   主要由…提供), or a quota set elsewhere (完成省下达…任务). Actions (推进, 加快, 争创 …) and milestones of
 *   named projects (建成/启动 a line, a plant, a plan) are not targets; the map tracks those projects as
 *   features with a status. A count that only totals a list of named projects or places in the same clause
 *   (「…等8条线路」「…5个综合保税区」) describes those features and is on the numerals allow-list instead.
 * - `value` is the number exactly as the plan writes it, and `unit` is the plan's own unit including any
 *   magnitude word: 「1万家」 → 1 万家, 「1.1万亿元」 → 1.1 万亿元, 「300万人」 → 300 万人. Nothing is multiplied
 *   out, so the check is literal: the value's digits followed by the unit must appear in the quote.
 *   `unitScale` gives the magnitude for anyone comparing figures across units. A round figure written in
 *   Chinese numerals (「突破千亿元」) is stored as 1000 亿元 and matched as 千亿元. Where the plan writes no
 *   measure word (a ratio 「2.2左右」, a coefficient 「0.65」, 「3大…中心」) the unit is empty.
 * - A list sharing its words (「分别超过1万家、8000家和60家」) gives one target per value, each with its own
 *   metric and the shared quote; the verb after 分别 and the qualifier closing the list (左右, 以上) apply to
 *   every value. Two metrics sharing one value (「覆盖率和无害化处理率达到100%」) give one target per metric.
 * - A range 「10至20名」 is one target: value = the lower bound, comparator '≥' (the floor the plan commits
 *   to), and metric_en states the whole range as "10–20" so the ceiling is not lost.
 * - Comparator from the wording next to the value: 左右 or 约 → '≈'; 以内, 以下, 不超过, 降至 → '≤';
 *   以上, 不低于, 至少, or a range → '≥'; 超过, 突破 ("exceed") → '>'; 达到, 增至, 提升至/到, 提高到 ("reach",
 *   "raise to") → '≥'; a plain figure (新建…4所, 年均增长7%) → '='. Commitments have none.
 * - Period: '2025' for a figure governed by 到2025年, 'annual' for 每年, 'biennial' for 每两年 — the marker
 *   nearest before the figure in its sentence governs — and '2023–2025' (the plan's own span) where the
 *   sentence sets no time.
 * - Ids: `a<article>-<k>` or `c<chapter>-<k>` for a chapter's intro paragraph, k = 1, 2, … in order of
 *   appearance in the text; records are kept in the order of the text.
 */
import curated from '../../../data/plan/targets.json';
import { DataError } from '../../../src/lib/data/data-error';
import {
  targetSchema,
  type Article,
  type Chapter,
  type Comparator,
  type Target
} from '../../../src/lib/plan/schema';

/** The parts of the parsed plan the targets are checked against. */
export interface PlanText {
  chapters: readonly Pick<Chapter, 'n' | 'intro_zh'>[];
  articles: readonly Pick<Article, 'n' | 'chapter' | 'text_zh'>[];
}

export const TARGETS_FILE = 'data/plan/targets.json';

export const PERIODS = ['2025', 'annual', 'biennial', '2023–2025'] as const;

/** Words that make a figure-less clause a checkable commitment (see the rules above). */
export const COMMITMENT_WORDS = [
  '全覆盖',
  '全部',
  '全面完成',
  '基本完成',
  '清零',
  '消除',
  '不发生',
  '淘汰',
  '负增长',
  '稳步增长',
  '只增不减',
  '总体稳定',
  '同步',
  '主要由',
  '完成省下达'
] as const;

const CHINESE_ROUND: Readonly<Record<number, string>> = { 10: '十', 100: '百', 1000: '千' };
const HARD_STOPS = '，。；：,;:';
const LIST_STOPS = '、和';
const NUMERAL = /\d+(?:\.\d+)?/g;

/** The curated targets, validated against the plan's text. */
export function extractTargets(plan: PlanText): Target[] {
  return validateTargets(curated, plan, TARGETS_FILE);
}

/** Checks target records against the schema and the plan's text; throws a DataError on the first rule broken. */
export function validateTargets(records: unknown, plan: PlanText, file: string): Target[] {
  if (!Array.isArray(records)) throw new DataError(file, 'records', 'schema', 'expected an array of targets');
  // Outcomes are curated apart (data/plan/outcomes.json) and attached by the plan step.
  const strict = targetSchema.omit({ outcomes: true }).strict();
  const seen = new Map<string, number>();
  const out: Target[] = [];
  let prev: Placed | undefined;

  for (const [i, raw] of records.entries()) {
    const parsed = strict.safeParse(raw);
    if (!parsed.success) {
      const rawId: unknown = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
      const where = typeof rawId === 'string' ? `target ${rawId}` : `records[${i}]`;
      const detail = parsed.error.issues.map((x) => `${x.path.join('.') || '(record)'}: ${x.message}`);
      throw new DataError(file, where, 'schema', detail.join('; '));
    }
    const t = parsed.data;
    const fail: Fail = (rule, detail) => {
      throw new DataError(file, `target ${t.id}`, rule, detail);
    };

    const first = seen.get(t.id);
    if (first !== undefined) fail('duplicate id', `records[${i}] repeats the id of records[${first}]`);
    seen.set(t.id, i);

    const placed = checkAgainstText(t, plan, prev, fail);

    // Order: scopes follow the text, k counts up from 1 within a scope, figures in order of appearance.
    if (prev && compareRank(placed.rank, prev.rank) < 0)
      fail('ids out of order', `${t.id} comes after ${prev.id}, but stands before it in the plan`);
    if (prev && compareRank(placed.rank, prev.rank) === 0) {
      if (placed.k !== prev.k + 1)
        fail('ids out of order', `expected ${placed.scope}-${prev.k + 1} after ${prev.id}`);
      if (placed.pos < prev.pos)
        fail(
          'ids out of order',
          `its figure stands before that of ${prev.id} in the text of ${placed.source}`
        );
    } else if (placed.k !== 1) {
      fail('ids out of order', `the first target of ${placed.source} must be ${placed.scope}-1`);
    }
    prev = placed;
    out.push({ ...t, outcomes: [] });
  }
  return out;
}

type Fail = (rule: string, detail: string) => never;

/** A validated target's place in the text: its scope (`a41`), k, and where its figure (or quote) starts. */
interface Placed {
  id: string;
  scope: string;
  source: string;
  rank: [number, number];
  k: number;
  pos: number;
}

/** Checks one schema-valid target against its article or chapter intro: place, quote, value, wording. */
function checkAgainstText(
  t: Omit<Target, 'outcomes'>,
  plan: PlanText,
  prev: Placed | undefined,
  fail: Fail
): Placed {
  // Where the target stands: an article's text or a chapter's intro paragraph.
  const m = /^([ac])(\d+)-(\d+)$/.exec(t.id);
  const n = Number(m?.[2]);
  const k = Number(m?.[3]);
  const scope = `${m?.[1]}${n}`;
  let text: string;
  let source: string;
  if (m?.[1] === 'a') {
    if (t.article !== n) fail('article/chapter mismatch', `id names article ${n}, record says ${t.article}`);
    const article = plan.articles.find((a) => a.n === n);
    if (!article) return fail('unknown article', `the plan has no article ${n}`);
    if (article.chapter !== t.chapter)
      fail(
        'article/chapter mismatch',
        `article ${n} is in chapter ${article.chapter}, record says ${t.chapter}`
      );
    text = article.text_zh;
    source = `article ${n}`;
  } else {
    if (t.article !== null) fail('article/chapter mismatch', 'a chapter-intro id must have article null');
    if (t.chapter !== n) fail('article/chapter mismatch', `id names chapter ${n}, record says ${t.chapter}`);
    const chapter = plan.chapters.find((c) => c.n === n);
    if (!chapter) return fail('unknown chapter', `the plan has no chapter ${n}`);
    text = chapter.intro_zh;
    source = `the intro of chapter ${n}`;
  }
  const rank: [number, number] = [t.chapter, t.article ?? 0];

  // A quote may repeat in the text: prefer its first occurrence after the previous target of the scope.
  const after = prev && prev.scope === scope ? text.indexOf(t.quote_zh, prev.pos) : -1;
  const quoteAt = after >= 0 ? after : text.indexOf(t.quote_zh);
  if (quoteAt < 0) fail('quote not found', `“${t.quote_zh}” is not in the text of ${source}`);

  let pos = quoteAt;
  if (t.kind === 'quantity') {
    if (t.value === null || t.comparator === null)
      return fail('kind mismatch', 'a quantity needs a value and a comparator');
    const fig = findFigure(t.quote_zh, t.value, t.unit);
    if (!fig) return fail('value not in quote', `${t.value}${t.unit} does not appear in “${t.quote_zh}”`);
    const expected = comparatorFromWording(t.quote_zh, fig, t.unit);
    if (t.comparator !== expected)
      fail(
        'comparator does not match wording',
        `'${t.comparator}' given, but “${clauseAround(t.quote_zh, fig)}” reads '${expected}'`
      );
    if (fig.upper !== undefined && !t.metric_en.includes(`${t.value}–${fig.upper}`))
      fail('range not stated', `metric_en must state the range ${t.value}–${fig.upper}`);
    pos = quoteAt + fig.start;
  } else {
    if (t.value !== null || t.comparator !== null || t.unit !== '')
      fail('kind mismatch', 'a commitment has value null, comparator null and an empty unit');
    if (!COMMITMENT_WORDS.some((w) => t.quote_zh.includes(w)))
      fail(
        'commitment wording',
        `“${t.quote_zh}” states no checkable end-state (${COMMITMENT_WORDS.join(' ')})`
      );
  }

  // Period, from the time marker governing the figure (for a commitment: its whole quote) in its sentence.
  if (!(PERIODS as readonly string[]).includes(t.period))
    fail('unknown period', `'${t.period}' is not one of ${PERIODS.join(', ')}`);
  const marked = periodFromWording(text, quoteAt, t.kind === 'quantity' ? pos : quoteAt + t.quote_zh.length);
  // A commitment after a 每年 clause may still hold for the whole plan (「每年…，实现…全覆盖」), so only a
  // period it claims from a marker is checked; a figure's period must be exactly the one its wording gives.
  const ok =
    t.kind === 'quantity'
      ? t.period === (marked ?? '2023–2025')
      : t.period === '2023–2025' || t.period === marked;
  if (!ok)
    fail(
      'period does not match wording',
      `'${t.period}' given, the sentence reads '${marked ?? '2023–2025'}'`
    );

  return { id: t.id, scope, source, rank, k, pos };
}

export { unitScale } from '../../../src/lib/plan/units';

/** Where a target's figure is written in its quote: [start, end) spans the number, any range and the unit. */
export interface Figure {
  start: number;
  end: number;
  /** Upper bound when the plan writes a range, 「10至20名」. */
  upper?: number;
}

/** Finds the value as written — digits (or a round Chinese numeral) directly followed by the unit. */
export function findFigure(quote: string, value: number, unit: string): Figure | undefined {
  const u = escapeRegExp(unit);
  const arabic = new RegExp(
    `(?<![\\d.])${escapeRegExp(String(value))}(?!\\.?\\d)(?:至(\\d+(?:\\.\\d+)?))?${u}`
  );
  const m = arabic.exec(quote);
  if (m) {
    const upper = m[1] === undefined ? undefined : Number(m[1]);
    return { start: m.index, end: m.index + m[0].length, ...(upper === undefined ? {} : { upper }) };
  }
  const chinese = CHINESE_ROUND[value];
  if (chinese && unit) {
    const c = new RegExp(`(?<![\\d一二三四五六七八九十百千万亿])${chinese}${u}`).exec(quote);
    if (c) return { start: c.index, end: c.index + c[0].length };
  }
  return undefined;
}

/** The comparator the plan's wording gives a figure (rules in the header of this file). */
export function comparatorFromWording(quote: string, fig: Figure, unit: string): Comparator {
  const local = bounds(quote, fig.start, fig.end, HARD_STOPS + LIST_STOPS);
  let before = quote.slice(local.start, fig.start);
  let after = quote.slice(fig.end, local.end);
  const hard = bounds(quote, fig.start, fig.end, HARD_STOPS);
  const head = quote.slice(hard.start, fig.start);
  const shared = head.indexOf('分别');
  if (shared >= 0) {
    // 「分别达到11%、29%和40%左右」: the verb after 分别 and the list's closing qualifier apply to each value.
    const clause = quote.slice(hard.start, hard.end);
    const firstFigure = clause.slice(shared).search(/\d/);
    before = clause.slice(shared, firstFigure < 0 ? undefined : shared + firstFigure);
    const last = [...clause.matchAll(NUMERAL)].pop();
    const tail = last ? clause.slice(last.index + last[0].length) : after;
    after = unit && tail.startsWith(unit) ? tail.slice(unit.length) : tail;
  }
  // Qualifiers count only right after the figure: in 「3个省级以上重点实验室」 以上 qualifies 省级, not 3.
  if (after.startsWith('左右') || before.endsWith('约')) return '≈';
  if (/^(以内|以下)/.test(after) || /不超过|不高于|降至|降到/.test(before)) return '≤';
  if (fig.upper !== undefined || after.startsWith('以上') || /不低于|至少/.test(before)) return '≥';
  if (/超过|突破/.test(before)) return '>';
  if (/达到|增至|增加到|提升至|提升到|提高到|提高至/.test(before)) return '≥';
  return '=';
}

/**
 * The period given by the time marker nearest before `pos` within the sentence that holds `from` (a quote's
 * start), or null when that sentence has none.
 */
export function periodFromWording(text: string, from: number, pos: number): string | null {
  const start = Math.max(text.lastIndexOf('。', from - 1), text.lastIndexOf('；', from - 1)) + 1;
  const span = text.slice(start, pos);
  const markers: [string, string][] = [
    ['到2025年', '2025'],
    ['每两年', 'biennial'],
    ['每年', 'annual']
  ];
  let best: { at: number; period: string } | null = null;
  for (const [word, period] of markers) {
    const at = span.lastIndexOf(word);
    if (at >= 0 && (!best || at > best.at)) best = { at, period };
  }
  return best?.period ?? null;
}

function clauseAround(quote: string, fig: Figure): string {
  const b = bounds(quote, fig.start, fig.end, HARD_STOPS);
  return quote.slice(b.start, b.end);
}

function bounds(s: string, from: number, to: number, stops: string): { start: number; end: number } {
  let start = 0;
  let end = s.length;
  for (const ch of stops) {
    start = Math.max(start, s.lastIndexOf(ch, from - 1) + 1);
    const e = s.indexOf(ch, to);
    if (e >= 0) end = Math.min(end, e);
  }
  return { start, end };
}

function compareRank(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
