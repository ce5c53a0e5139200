/**
 * The targets ledger (data/plan/targets.json) against the official text: every record valid, every Arabic
 * numeral of the plan inside a target's quote or on the reasoned allow-list, six articles read field by
 * field, and broken records refused with the rule they break.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import allowlist from '../../data/plan/numerals-allowlist.json';
import records from '../../data/plan/targets.json';
import { DataError } from '../../src/lib/data/data-error';
import { parsePlanText, type ParsedPlan } from '../../scripts/pipeline/plan/parse';
import type { Target } from '../../src/lib/plan/schema';
import {
  comparatorFromWording,
  extractTargets,
  findFigure,
  periodFromWording,
  unitScale,
  validateTargets
} from '../../scripts/pipeline/plan/targets';

const fromRoot = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const TEXT_FILE = 'data/plan/qingdao-action-plan-2023-2025.zh.txt';
const plan = parsePlanText(readFileSync(fromRoot(TEXT_FILE), 'utf8'), TEXT_FILE);
const targets = extractTargets(plan);

// ---------------------------------------------------------------------------------------------------------
// Completeness: every numeral accounted for.

interface AllowEntry {
  where: string;
  context: string;
  numerals: string[];
  reason: string;
}

interface Block {
  /** `preamble`, `c<chapter>` for a chapter's intro, `a<article>` for an article (title and body). */
  where: string;
  text: string;
}

// Half-width and full-width digits, with an optional decimal part: 3, 21.5, 2.7∶1 gives 2.7 and 1.
const NUMERAL = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g;

/** The plan as text blocks: the preamble after the title, chapter intros, and articles (numbering left out). */
function planBlocks(p: Pick<ParsedPlan, 'preamble_zh' | 'chapters' | 'articles'>): Block[] {
  return [
    { where: 'preamble', text: p.preamble_zh },
    ...p.chapters.map((c) => ({ where: `c${c.n}`, text: c.intro_zh })),
    ...p.articles.map((a) => ({ where: `a${a.n}`, text: `${a.title_zh}。${a.text_zh}` }))
  ];
}

function spansOf(text: string, part: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(part); part && at >= 0; at = text.indexOf(part, at + 1)) {
    spans.push([at, at + part.length]);
  }
  return spans;
}

function numeralsOf(text: string): string[] {
  return [...text.matchAll(NUMERAL)].map((m) => m[0]);
}

/**
 * Numerals no target quote and no allow-list entry covers, allow-list entries that do not match the text,
 * and entries that cover nothing a quote does not already cover.
 */
function audit(
  blocks: Block[],
  ts: readonly Target[],
  entries: readonly AllowEntry[]
): { uncovered: string[]; malformed: string[]; unused: string[] } {
  const uncovered: string[] = [];
  const malformed: string[] = [];
  const used = new Set<AllowEntry>();
  for (const entry of entries) {
    const block = blocks.find((b) => b.where === entry.where);
    if (!block || !block.text.includes(entry.context)) {
      malformed.push(`${entry.where}: context “${entry.context}” not in the text`);
    } else if (numeralsOf(entry.context).join(' ') !== entry.numerals.join(' ')) {
      malformed.push(`${entry.where}: “${entry.context}” holds ${numeralsOf(entry.context).join(' ')}`);
    }
    if (!entry.reason.trim()) malformed.push(`${entry.where}: “${entry.context}” has no reason`);
  }
  for (const block of blocks) {
    const quoted = ts
      .filter((t) => (t.article === null ? `c${t.chapter}` : `a${t.article}`) === block.where)
      .flatMap((t) => spansOf(block.text, t.quote_zh));
    const allowed = entries
      .filter((e) => e.where === block.where)
      .flatMap((e) => spansOf(block.text, e.context).map((span) => ({ e, span })));
    for (const m of block.text.matchAll(NUMERAL)) {
      const start = m.index;
      const end = start + m[0].length;
      const inside = ([s, e]: [number, number]): boolean => s <= start && end <= e;
      if (quoted.some(inside)) continue;
      const allow = allowed.find((a) => inside(a.span));
      if (allow) {
        used.add(allow.e);
        continue;
      }
      const context = block.text.slice(Math.max(0, start - 12), end + 12);
      uncovered.push(`${block.where}: ${m[0]} in “${context}”`);
    }
  }
  const unused = entries.filter((e) => !used.has(e)).map((e) => `${e.where}: “${e.context}”`);
  return { uncovered, malformed, unused };
}

describe('every numeral of the plan is a target figure or allowed with a reason', () => {
  const entries: AllowEntry[] = allowlist.entries;

  it('covers every Arabic numeral in the preamble, chapter intros and articles', () => {
    const result = audit(planBlocks(plan), targets, entries);
    expect(result.uncovered).toEqual([]);
    expect(result.malformed).toEqual([]);
    expect(result.unused).toEqual([]);
  });

  it('keeps the allow-list specific: one context per entry, each with a reason', () => {
    expect(entries).toHaveLength(29);
    const keys = entries.map((e) => `${e.where} ${e.context}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fails when a new number appears that no target or entry covers', () => {
    const articles = plan.articles.map((a) =>
      a.n === 41 ? { ...a, text_zh: `${a.text_zh}新建公交专用道99公里。` } : a
    );
    const result = audit(planBlocks({ ...plan, articles }), targets, entries);
    expect(result.uncovered).toEqual(['a41: 99 in “路网体系。新建公交专用道99公里。”']);
  });

  it('fails when an allow-list entry no longer matches the text', () => {
    const stale = [
      ...entries,
      { where: 'a41', context: '建成地铁9号线', numerals: ['9'], reason: 'line name' }
    ];
    expect(audit(planBlocks(plan), targets, stale).malformed).toEqual([
      'a41: context “建成地铁9号线” not in the text'
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The ledger as a whole.

describe('the targets ledger', () => {
  it('validates every record against the text and returns them unchanged, outcomes still to attach', () => {
    expect(targets).toEqual(records.map((r) => ({ ...r, outcomes: [] })));
  });

  it('holds 187 targets: 166 quantities and 21 commitments', () => {
    expect(targets).toHaveLength(187);
    expect(targets.filter((t) => t.kind === 'quantity')).toHaveLength(166);
    expect(targets.filter((t) => t.kind === 'commitment')).toHaveLength(21);
  });

  it('keeps a41-1 as the 352 km metro target', () => {
    expect(targets.find((t) => t.id === 'a41-1')).toMatchObject({
      value: 352,
      unit: '公里',
      comparator: '≥'
    });
  });

  it('gives each value of a shared list its own target and metric', () => {
    const shared = targets.filter((t) => t.quote_zh.includes('分别超过1万家、8000家和60家'));
    expect(shared.map((t) => [t.id, t.metric_zh, t.value, t.unit, t.comparator])).toEqual([
      ['a9-4', '科技型中小企业', 1, '万家', '>'],
      ['a9-5', '高新技术企业', 8000, '家', '>'],
      ['a9-6', '上市高新技术企业', 60, '家', '>']
    ]);
    const approx = targets.filter((t) => t.quote_zh.includes('分别达到11%、29%和40%左右'));
    expect(approx.map((t) => [t.id, t.value, t.comparator])).toEqual([
      ['c3-1', 11, '≈'],
      ['c3-2', 29, '≈'],
      ['c3-3', 40, '≈']
    ]);
  });

  it('records a range as its lower bound with the whole range in metric_en', () => {
    const range = targets.filter((t) => t.id === 'a14-2' || t.id === 'a14-3');
    expect(range.map((t) => [t.value, t.comparator, /\d+–\d+/.exec(t.metric_en)?.[0]])).toEqual([
      [10, '≥', '10–20'],
      [40, '≥', '40–80']
    ]);
  });
});

describe('reading the wording', () => {
  it('finds a value as written, including 万 units, ranges and round Chinese numerals', () => {
    expect(findFigure('分别超过1万家、8000家和60家', 1, '万家')).toEqual({ start: 4, end: 7 });
    expect(findFigure('分别超过1万家、8000家和60家', 8000, '家')).toEqual({ start: 8, end: 13 });
    expect(findFigure('比重达到3.5%', 3, '%')).toBeUndefined();
    expect(findFigure('每年选树10至20名', 10, '名')).toEqual({ start: 4, end: 10, upper: 20 });
    expect(findFigure('力争产业规模突破千亿元', 1000, '亿元')).toEqual({ start: 8, end: 11 });
    expect(findFigure('城乡居民收入比降至2.2左右', 2.2, '')).toEqual({ start: 9, end: 12 });
  });

  it('reads each comparator from the words next to the figure', () => {
    const read = (quote: string, value: number, unit: string): string => {
      const fig = findFigure(quote, value, unit);
      if (!fig) throw new Error(`${value}${unit} not in ${quote}`);
      return comparatorFromWording(quote, fig, unit);
    };
    expect(read('轨道交通通车里程达到352公里', 352, '公里')).toBe('≥');
    expect(read('高速公路总里程超过900公里', 900, '公里')).toBe('>');
    expect(read('港口货物吞吐量突破6.7亿吨', 6.7, '亿吨')).toBe('>');
    expect(read('常住人口城镇化率达到79%左右', 79, '%')).toBe('≈');
    expect(read('浓度控制在30微克/立方米以内', 30, '微克/立方米')).toBe('≤');
    expect(read('水质优良面积比例不低于98.8%', 98.8, '%')).toBe('≥');
    expect(read('每个镇（街道）建成至少1处', 1, '处')).toBe('≥');
    expect(read('新建中职学校4所', 4, '所')).toBe('=');
    expect(read('争取新布局3个省级以上重点实验室', 3, '个')).toBe('=');
    expect(read('分别达到11%、29%和40%左右', 29, '%')).toBe('≈');
    expect(read('分别稳定在90%、96%以上', 90, '%')).toBe('≥');
    expect(read('过百亿元市级专业园区6个以上、过千亿元园区1个', 1, '个')).toBe('=');
  });

  it('takes the period from the nearest time marker in the sentence', () => {
    const text =
      '按规定每年选拔60名左右产业领军人才，每两年遴选300名左右行业拔尖人才。建设50个左右示范专业。';
    expect(periodFromWording(text, 0, text.indexOf('60'))).toBe('annual');
    expect(periodFromWording(text, 0, text.indexOf('300'))).toBe('biennial');
    expect(periodFromWording(text, text.indexOf('建设'), text.indexOf('50'))).toBeNull();
  });

  it('splits a unit into its magnitude and base unit', () => {
    expect(unitScale('万家')).toEqual({ factor: 1e4, base: '家' });
    expect(unitScale('万亿元')).toEqual({ factor: 1e12, base: '元' });
    expect(unitScale('亿吨')).toEqual({ factor: 1e8, base: '吨' });
    expect(unitScale('万千瓦')).toEqual({ factor: 1e4, base: '千瓦' });
    expect(unitScale('%')).toEqual({ factor: 1, base: '%' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Six articles read by hand, every target field by field.

type Fields = Omit<Target, 'metric_en' | 'outcomes'>;

function fieldsOf(article: number): Fields[] {
  return targets
    .filter((t) => t.article === article)
    .map((t) => ({
      id: t.id,
      kind: t.kind,
      article: t.article,
      chapter: t.chapter,
      metric_zh: t.metric_zh,
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      period: t.period,
      quote_zh: t.quote_zh
    }));
}

const q = (
  id: string,
  article: number,
  chapter: number,
  metric_zh: string,
  value: number,
  unit: string,
  comparator: Target['comparator'],
  period: string,
  quote_zh: string
): Fields => ({
  id,
  kind: 'quantity',
  article,
  chapter,
  metric_zh,
  value,
  unit,
  comparator,
  period,
  quote_zh
});

const c = (
  id: string,
  article: number,
  chapter: number,
  metric_zh: string,
  period: string,
  quote_zh: string
): Fields => ({
  id,
  kind: 'commitment',
  article,
  chapter,
  metric_zh,
  value: null,
  unit: '',
  comparator: null,
  period,
  quote_zh
});

describe('articles read field by field', () => {
  it('article 37 (seaport): five targets', () => {
    expect(fieldsOf(37)).toEqual([
      q(
        'a37-1',
        37,
        4,
        '港口集装箱直达航线',
        200,
        '条',
        '≥',
        '2025',
        '到2025年，港口集装箱直达航线增至200条以上'
      ),
      q('a37-2', 37, 4, '集装箱中转规模', 500, '万标准箱', '>', '2025', '集装箱中转规模突破500万标准箱'),
      q('a37-3', 37, 4, '国际中转比例', 21.5, '%', '≥', '2025', '国际中转比例达到21.5%'),
      q('a37-4', 37, 4, '港口货物吞吐量', 6.7, '亿吨', '>', '2025', '到2025年，港口货物吞吐量突破6.7亿吨'),
      q('a37-5', 37, 4, '集装箱吞吐量', 2600, '万标准箱', '≥', '2025', '集装箱吞吐量达到2600万标准箱')
    ]);
  });

  it('article 38 (airport): four targets, two from one shared list', () => {
    const shared = '到2025年，青岛胶东国际机场国内、国际通达城市分别达到130个、40个';
    expect(fieldsOf(38)).toEqual([
      q('a38-1', 38, 4, '青岛胶东国际机场国内通达城市', 130, '个', '≥', '2025', shared),
      q('a38-2', 38, 4, '青岛胶东国际机场国际通达城市', 40, '个', '≥', '2025', shared),
      q('a38-3', 38, 4, '旅客吞吐量', 3000, '万人次', '>', '2025', '旅客吞吐量超过3000万人次'),
      q('a38-4', 38, 4, '货邮吞吐量', 40, '万吨', '>', '2025', '货邮吞吐量超过40万吨')
    ]);
  });

  it('article 41 (metro): one target; line names and the count of named lines are not targets', () => {
    expect(fieldsOf(41)).toEqual([
      q('a41-1', 41, 4, '轨道交通通车里程', 352, '公里', '≥', '2025', '到2025年轨道交通通车里程达到352公里')
    ]);
  });

  it('article 43 (renewables): the doubled capacity and the clean-energy commitment', () => {
    expect(fieldsOf(43)).toEqual([
      q(
        'a43-1',
        43,
        5,
        '可再生能源装机容量',
        520,
        '万千瓦',
        '≥',
        '2025',
        '到2025年，可再生能源装机容量实现倍增，达到520万千瓦以上'
      ),
      c('a43-2', 43, 5, '新增电力消费主要由清洁能源提供', '2025', '新增电力消费主要由清洁能源提供')
    ]);
  });

  it('article 55 (park city): forest upgrade, forest cover, parks and greenways', () => {
    expect(fieldsOf(55)).toEqual([
      q(
        'a55-1',
        55,
        5,
        '生态公益林森林质量精准提升',
        3,
        '万亩',
        '=',
        '2023–2025',
        '推进3万亩生态公益林森林质量精准提升'
      ),
      q('a55-2', 55, 5, '森林覆盖率', 15, '%', '≥', '2025', '到2025年，森林覆盖率达到15%'),
      q('a55-3', 55, 5, '各类公园总数', 500, '个', '≥', '2025', '各类公园总数达到500个以上'),
      q('a55-4', 55, 5, '建设绿道', 500, '公里', '≥', '2025', '建设绿道500公里以上')
    ]);
  });

  it('article 57 (clean air): three commitments and two figures', () => {
    expect(fieldsOf(57)).toEqual([
      c('a57-1', 57, 5, '完成省下达煤炭消费总量压减任务', '2023–2025', '完成省下达煤炭消费总量压减任务'),
      c('a57-2', 57, 5, '淘汰国三及以下排放标准柴油货车', '2023–2025', '按期淘汰国三及以下排放标准柴油货车'),
      q(
        'a57-3',
        57,
        5,
        '社会车辆用能清洁化比例',
        5.5,
        '%',
        '≥',
        '2023–2025',
        '社会车辆用能清洁化比例提高到5.5%'
      ),
      q(
        'a57-4',
        57,
        5,
        '细颗粒物（PM2.5）浓度',
        30,
        '微克/立方米',
        '≤',
        '2025',
        '到2025年，细颗粒物（PM2.5）浓度控制在30微克/立方米以内'
      ),
      c('a57-5', 57, 5, '基本消除重污染天气', '2025', '基本消除重污染天气')
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Broken records are refused with the file, the record and the rule.

function errorOf(fixture: string): DataError {
  const file = `tests/fixtures/targets/${fixture}`;
  const data: unknown = JSON.parse(readFileSync(fromRoot(file), 'utf8'));
  try {
    validateTargets(data, plan, file);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe('broken records', () => {
  const cases: [string, string][] = [
    [
      'quote-not-in-text.json',
      'target a41-1: quote not found — “到2025年轨道交通通车里程达到400公里” is not in the text of article 41'
    ],
    [
      'value-not-in-quote.json',
      'target a41-1: value not in quote — 325公里 does not appear in “到2025年轨道交通通车里程达到352公里”'
    ],
    ['duplicate-id.json', 'target a41-1: duplicate id — records[1] repeats the id of records[0]'],
    [
      'wrong-comparator.json',
      "target a41-1: comparator does not match wording — '>' given, but “到2025年轨道交通通车里程达到352公里” reads '≥'"
    ],
    [
      'approx-without-wording.json',
      "target a41-1: comparator does not match wording — '≈' given, but “到2025年轨道交通通车里程达到352公里” reads '≥'"
    ],
    [
      'wrong-period.json',
      "target a41-1: period does not match wording — 'annual' given, the sentence reads '2025'"
    ],
    [
      'article-chapter-mismatch.json',
      'target a41-1: article/chapter mismatch — article 41 is in chapter 4, record says 5'
    ],
    [
      'ids-out-of-order.json',
      'target a40-1: ids out of order — a40-1 comes after a41-1, but stands before it in the plan'
    ],
    ['unknown-field.json', 'target a41-1: schema — (record): Unrecognized key: "note"'],
    ['range-not-stated.json', 'target a95-1: range not stated — metric_en must state the range 1–2'],
    [
      'commitment-without-end-state.json',
      'target a41-1: commitment wording — “推进胶州湾第二隧道、重庆路快速路、唐山路快速路等关键工程” states no checkable end-state (全覆盖 全部 全面完成 基本完成 清零 消除 不发生 淘汰 负增长 稳步增长 只增不减 总体稳定 同步 主要由 完成省下达)'
    ]
  ];

  it.each(cases)('%s is refused', (fixture, message) => {
    const error = errorOf(fixture);
    expect(error.message).toBe(`tests/fixtures/targets/${fixture}:${message}`);
    expect(error.file).toBe(`tests/fixtures/targets/${fixture}`);
  });

  it('refuses records that are not an array', () => {
    expect(() => validateTargets({ id: 'a41-1' }, plan, 'x.json')).toThrow(
      'x.json:records: schema — expected an array of targets'
    );
  });

  it('refuses a skipped k within an article', () => {
    const [first, second] = records.filter((r) => r.article === 37);
    const skipped = [first, { ...second, id: 'a37-3' }];
    expect(() => validateTargets(skipped, plan, 'x.json')).toThrow(
      'x.json:target a37-3: ids out of order — expected a37-2 after a37-1'
    );
  });
});
