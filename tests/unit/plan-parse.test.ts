import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/data/data-error';
import { chineseNumeral, parsePlanText, toChineseNumeral } from '../../scripts/pipeline/plan/parse';
import { planSchema } from '../../src/lib/plan/schema';
import type { PlanSources } from '../../scripts/steps/plan-json';

const TEXT_FILE = 'data/plan/qingdao-action-plan-2023-2025.zh.txt';
const CHAPTERS_EN_FILE = 'data/plan/chapters.en.json';
const ARTICLES_EN_FILE = 'data/plan/articles.en.json';
// Loaded lazily so that the parser's tests run even while the targets the step attaches are being edited.
const loadStep = () => import('../../scripts/steps/plan-json');
const REAL = readFileSync(TEXT_FILE, 'utf8');
const REAL_LINES = REAL.split('\n');
const plan = parsePlanText(REAL, 'plan.txt');

/** Parses a text that must fail, returning the DataError it throws. */
function parseError(text: string, file = 'plan.txt'): DataError {
  try {
    parsePlanText(text, file);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected the text to be rejected');
}

/** The real text with one exact passage replaced; fails loudly if the passage is not there. */
function edited(from: string, to: string): string {
  expect(REAL.split(from)).toHaveLength(2);
  return REAL.replace(from, to);
}

function fixture(name: string): string {
  return readFileSync(`tests/fixtures/plan/${name}`, 'utf8');
}

describe('parsePlanText on the official text', () => {
  it('reads the source metadata from the notice', () => {
    expect(plan.source).toMatchObject({
      title_zh: '青岛市深化新旧动能转换推动绿色低碳高质量发展三年行动计划（2023—2025年）',
      issuers_zh: '中共青岛市委、青岛市人民政府',
      issued: '2022-12-30',
      file: 'plan.txt'
    });
    expect(plan.source.note).toContain('此件公开发布');
    expect(plan.preamble_zh.startsWith('为深入贯彻党的二十大精神')).toBe(true);
    expect(plan.preamble_zh.endsWith('现结合我市实际，制定本行动计划。')).toBe(true);
  });

  it('finds the 12 chapters with their titles, intros and sections', () => {
    expect(plan.chapters.map((c) => [c.n, c.title_zh])).toEqual([
      [1, '总体要求'],
      [2, '推动高水平科技自立自强，建设国际化创新型城市'],
      [3, '持续推进实体经济振兴发展，构建现代化产业体系'],
      [4, '立足扩大内需战略基点，服务和融入新发展格局'],
      [5, '坚持生态优先绿色发展，创建国家生态文明建设示范区'],
      [6, '构筑高质量发展空间动力系统，建设宜居宜业宜游高品质湾区城市'],
      [7, '加快农业农村现代化，打造乡村振兴齐鲁样板先行区'],
      [8, '持续深化改革开放，增强高质量发展动力'],
      [9, '增强文化软实力，彰显城市精神气质'],
      [10, '扎实推进共同富裕，共建共享美好生活'],
      [11, '统筹发展和安全，建设更高水平平安青岛'],
      [12, '保障措施']
    ]);
    expect(plan.chapters.map((c) => c.sections.length)).toEqual([0, 4, 3, 4, 4, 3, 3, 3, 2, 5, 2, 0]);
    expect(plan.chapters[1]?.sections.map((s) => s.title_zh)).toEqual([
      '提升基础创新能力',
      '强化产业创新和企业创新',
      '深入实施人才强青计划',
      '创新发展高等教育和职业教育'
    ]);
    expect(plan.chapters[9]?.sections[4]).toEqual({ chapter: 10, n: 5, title_zh: '加强民生兜底保障' });
    // Chapters 1 and 12 open directly with an article; the others have a paragraph of aims first.
    expect(plan.chapters[0]?.intro_zh).toBe('');
    expect(plan.chapters[11]?.intro_zh).toBe('');
    expect(plan.chapters[1]?.intro_zh).toBe(
      '全面提升科教兴市、人才强市和创新驱动发展水平，着力增强创新资源集聚力、产业创新策源力、创新人才吸引力。到2025年，研发经费投入强度达到3%，万人高价值发明专利拥有量达到20件。'
    );
    for (const c of plan.chapters.slice(1, 11)) expect(c.intro_zh.length).toBeGreaterThan(50);
  });

  it('numbers the 120 articles in order', () => {
    expect(plan.articles).toHaveLength(120);
    expect(plan.articles.map((a) => a.n)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('puts every chapter between its first and last article', () => {
    const ranges = plan.chapters.map((c) => {
      const ns = plan.articles.filter((a) => a.chapter === c.n).map((a) => a.n);
      return [c.n, Math.min(...ns), Math.max(...ns)];
    });
    expect(ranges).toEqual([
      [1, 1, 2],
      [2, 3, 17],
      [3, 18, 30],
      [4, 31, 42],
      [5, 43, 59],
      [6, 60, 67],
      [7, 68, 75],
      [8, 76, 89],
      [9, 90, 95],
      [10, 96, 107],
      [11, 108, 114],
      [12, 115, 120]
    ]);
  });

  it.each([
    [1, '指导思想', 1, null, 21],
    [2, '发展目标', 1, null, 23],
    [3, '高质量建设海洋领域国家实验室', 2, 1, 33],
    [9, '实施科技型企业培育“沃土计划”', 2, 2, 47],
    [17, '推进职业教育创新发展', 2, 4, 67],
    [22, '壮大现代海洋产业集群', 3, 1, 83],
    [30, '建设数字基础设施', 3, 3, 103],
    [37, '建设世界一流海洋港口', 4, 4, 129],
    [41, '加快轨道交通和市政路网建设', 4, 4, 137],
    [44, '实施清洁能源替代计划', 5, 1, 149],
    [55, '建设公园城市', 5, 3, 175],
    [60, '深度融入服务黄河流域生态保护和高质量发展战略', 6, 1, 193],
    [65, '建设智慧韧性城市', 6, 2, 205],
    [68, '提升重要农产品保障供给能力', 7, 1, 219],
    [75, '加强和改进乡村治理', 7, 3, 237],
    [82, '高标准建设上合示范区', 8, 2, 259],
    [89, '实施国际交往深化行动', 8, 3, 275],
    [91, '传承弘扬优秀历史文化', 9, 1, 285],
    [95, '推动文旅深度融合发展', 9, 2, 295],
    [100, '健全公共卫生体系', 10, 3, 315],
    [107, '完善住房保障体系', 10, 5, 333],
    [108, '筑牢疫情防控屏障', 11, 1, 341],
    [114, '完善社会治安防控体系', 11, 2, 355],
    [115, '加强党的全面领导', 12, null, 359],
    [120, '营造浓厚社会氛围', 12, null, 369]
  ])('article %i is %s (chapter %i, section %s, line %i)', (n, title, chapter, section, line) => {
    expect(plan.articles[n - 1]).toMatchObject({ n, title_zh: title, chapter, section, line });
  });

  it('keeps each article text verbatim after its title', () => {
    for (const a of plan.articles) {
      const [first] = a.text_zh.split('\n');
      expect(REAL_LINES[a.line - 1]).toBe(`${a.n}.${a.title_zh}。${first}`);
      expect(a.title_zh).not.toMatch(/[。，；]/);
    }
    expect(plan.articles[40]?.text_zh).toContain('到2025年轨道交通通车里程达到352公里');
  });

  it('keeps the second paragraph of article 2 with the article', () => {
    const paragraphs = plan.articles[1]?.text_zh.split('\n') ?? [];
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[1]?.startsWith('到2025年，在先行区建设中率先取得重要阶段性成果')).toBe(true);
  });

  it('recognises and skips the news lead that repeats article 44', () => {
    expect(plan.lead).toMatchObject({ line: 1, repeats_article: 44 });
    expect(plan.lead?.text_zh.startsWith('日前，中共青岛市委、青岛市人民政府关于印发')).toBe(true);
    expect(plan.source.note).toContain('news lead repeating the opening of article 44');
    const kept = [
      plan.preamble_zh,
      ...plan.chapters.map((c) => c.intro_zh),
      ...plan.articles.map((a) => a.text_zh)
    ];
    expect(kept.some((t) => t.includes('日前'))).toBe(false);
    // Article 44 itself is read from its own line, whole.
    expect(plan.articles[43]?.text_zh.endsWith('到2025年，充电桩保有量达到3.5万台。')).toBe(true);
  });

  it('strips the stray bookmark marker before the notice title, and records it', () => {
    expect(REAL_LINES[2]?.startsWith('[bookmark: _GoBack]')).toBe(true);
    expect(plan.markers).toEqual([{ line: 3, marker: '[bookmark: _GoBack]' }]);
    expect(plan.source.note).toContain('[bookmark: _GoBack] on line 3');
    const { note, ...rest } = plan.source;
    expect(note).toBeTruthy();
    expect(JSON.stringify([rest, plan.preamble_zh, plan.chapters, plan.articles])).not.toContain('bookmark');
  });

  it('parses the text without the lead, keeping true line numbers', () => {
    // Blank the lead's line rather than delete it, so every other line keeps its number.
    const withoutLead = REAL.slice(REAL.indexOf('\n'));
    const p = parsePlanText(withoutLead, 'plan.txt');
    expect(p.lead).toBeNull();
    expect(p.articles[0]?.line).toBe(21);
    expect(p.source.note).not.toContain('news lead');
  });
});

describe('parsePlanText on broken texts', () => {
  it.each([
    [
      'article-skipped.zh.txt',
      'article-skipped.zh.txt:line 37: articles must be numbered in sequence — expected 5, found 6'
    ],
    [
      'article-duplicated.zh.txt',
      'article-duplicated.zh.txt:line 37: article numbers must be unique — article 4 already starts at line 35'
    ],
    [
      'chapter-out-of-order.zh.txt',
      'chapter-out-of-order.zh.txt:line 69: chapters must be numbered in sequence — expected 三、, found 四、'
    ],
    [
      'article-before-chapter.zh.txt',
      'article-before-chapter.zh.txt:line 19: every article must be inside a chapter — article 1'
    ],
    [
      'section-out-of-order.zh.txt',
      'section-out-of-order.zh.txt:line 55: sections must be numbered in sequence within a chapter — chapter 2: expected （三）, found （四）'
    ],
    [
      'heading-without-title.zh.txt',
      'heading-without-title.zh.txt:line 27: headings must have a title — chapter 二、'
    ]
  ])('rejects the fixture %s', (name, message) => {
    const error = parseError(fixture(name), name);
    expect(error.message).toBe(message);
    expect(error.file).toBe(name);
  });

  it('rejects an article number out of sequence in the full text', () => {
    const error = parseError(edited('42.发展绿色智慧交通。', '43.发展绿色智慧交通。'));
    expect(error.message).toBe(
      'plan.txt:line 139: articles must be numbered in sequence — expected 42, found 43'
    );
    expect(error.where).toBe(139);
    expect(error.rule).toBe('articles must be numbered in sequence');
  });

  it('rejects a missing final article by the total count', () => {
    const last = REAL_LINES[368] ?? '';
    expect(last.startsWith('120.')).toBe(true);
    const error = parseError(edited(`\n\n${last}`, ''));
    expect(error.message).toBe('plan.txt:line 367: the plan must have 120 articles — found 119');
  });

  it('rejects a missing chapter by the total count', () => {
    const error = parseError(edited('十二、保障措施\n\n', ''));
    expect(error.message).toBe('plan.txt:line 367: the plan must have 12 chapters — found 11');
  });

  it('rejects a repeated chapter numeral', () => {
    const error = parseError(edited('九、增强文化软实力', '八、增强文化软实力'));
    expect(error.message).toBe(
      'plan.txt:line 277: chapters must be numbered in sequence — expected 九、, found 八、'
    );
  });

  it('rejects a section heading with no title', () => {
    const error = parseError(edited('（二）扩大有效投资', '（二）'));
    expect(error.message).toBe('plan.txt:line 115: headings must have a title — section （二）');
  });

  it('rejects an article whose title has lost its closing 。', () => {
    const error = parseError(edited('82.高标准建设上合示范区。', '82.高标准建设上合示范区，'));
    expect(error.where).toBe(259);
    expect(error.rule).toBe('articles must open with a short title ending in 。');
  });

  it('rejects a paragraph between a section heading and its first article', () => {
    const error = parseError(edited('（一）提升基础创新能力\n', '（一）提升基础创新能力\n\n本节说明。\n'));
    expect(error.message).toBe(
      'plan.txt:line 33: a section heading must be followed by an article — "本节说明。…"'
    );
  });

  it('rejects a section with no article', () => {
    const error = parseError(edited('（二）扩大有效投资\n', '（二）扩大有效投资\n\n（三）空节\n'));
    expect(error.message).toBe('plan.txt:line 115: every section must contain at least one article');
  });

  it('rejects a chapter with no article', () => {
    const error = parseError(edited('十二、保障措施\n', '十二、保障措施\n\n十三、空章\n'));
    expect(error.message).toBe('plan.txt:line 357: every chapter must contain at least one article');
  });

  it('rejects a section heading after articles that have none', () => {
    const error = parseError(edited('116.建立工作推进机制。', '（一）组织保障\n\n116.建立工作推进机制。'));
    expect(error.message).toBe(
      "plan.txt:line 361: a chapter's articles must all be in sections or none — chapter 12 has articles before its first section"
    );
  });

  it('rejects text before the notice that is not a lead repeating an article', () => {
    const lead = REAL_LINES[0] ?? '';
    const error = parseError(edited(lead, '日前，有关部门发布了一则通知。'));
    expect(error.message).toBe(
      'plan.txt:line 1: text before the notice must be a news lead repeating an article — "日前，有关部门发布了一则通知。…" repeats no article'
    );
  });

  it('rejects a text without the notice that issues the plan', () => {
    const notice = REAL_LINES[2] ?? '';
    const error = parseError(edited(notice, ''));
    expect(error.rule).toBe('the text must open with the notice that issues the plan');
  });
});

describe('Chinese numerals', () => {
  it('reads and writes the numerals used for chapters and sections', () => {
    expect(['一', '九', '十', '十一', '十二', '二十', '二十三'].map(chineseNumeral)).toEqual([
      1, 9, 10, 11, 12, 20, 23
    ]);
    expect(['', '十十', '二二', '零', '3'].map(chineseNumeral)).toEqual([null, null, null, null, null]);
    expect([1, 10, 12, 20, 23].map(toChineseNumeral)).toEqual(['一', '十', '十二', '二十', '二十三']);
  });
});

describe('the plan pipeline step', () => {
  const chaptersEn = JSON.parse(readFileSync(CHAPTERS_EN_FILE, 'utf8')) as Record<string, string>;
  const articlesEn = JSON.parse(readFileSync(ARTICLES_EN_FILE, 'utf8')) as Record<
    string,
    { title_en: string; summary_en: string }
  >;
  const sources: PlanSources = {
    asOf: '2026-01-26',
    outcomes: [],
    textFile: TEXT_FILE,
    text: REAL,
    chaptersEn,
    articlesEn
  };

  async function assembleError(overrides: Partial<PlanSources>): Promise<DataError> {
    const { assemblePlan } = await loadStep();
    try {
      assemblePlan({ ...sources, ...overrides });
    } catch (error) {
      if (error instanceof DataError) return error;
      throw error;
    }
    throw new Error('expected the sources to be rejected');
  }

  it('reads its English from the files it names', async () => {
    const step = await loadStep();
    expect([step.CHAPTERS_EN_FILE, step.ARTICLES_EN_FILE]).toEqual([CHAPTERS_EN_FILE, ARTICLES_EN_FILE]);
  });

  it('builds a valid plan with English for every chapter and article', async () => {
    const built = (await loadStep()).buildPlan();
    expect(planSchema.safeParse(built).success).toBe(true);
    expect(built.source.file).toBe(TEXT_FILE);
    expect(built.chapters.map((c) => c.title_en).filter(Boolean)).toHaveLength(12);
    expect(built.articles).toHaveLength(120);
    for (const a of built.articles) {
      expect(a.title_en.trim()).not.toBe('');
      expect(a.summary_en.length).toBeGreaterThan(0);
      expect(a.summary_en.length).toBeLessThanOrEqual(200);
    }
    expect(built.articles[2]?.title_en).toBe(
      'Build the national laboratory for marine science to a high standard'
    );
  });

  it('attaches the 352 km rail transit target to article 41, quoting its text', async () => {
    const built = (await loadStep()).buildPlan();
    const target = built.targets.find((t) => t.article === 41 && t.value === 352);
    expect(target).toMatchObject({ chapter: 4, comparator: '≥', period: '2025' });
    expect(built.articles[40]?.text_zh).toContain(target?.quote_zh);
  });

  it('names a missing English article by its key', async () => {
    const { ['57']: _dropped, ...rest } = articlesEn;
    expect(_dropped).toBeDefined();
    expect((await assembleError({ articlesEn: rest })).message).toBe(
      `${ARTICLES_EN_FILE}:key "57": keys must be exactly the article numbers 1..120 — missing`
    );
  });

  it('names an extra English article by its key', async () => {
    const extra = { ...articlesEn, '121': { title_en: 'Extra', summary_en: 'Not in the plan.' } };
    expect((await assembleError({ articlesEn: extra })).message).toBe(
      `${ARTICLES_EN_FILE}:key "121": keys must be exactly the article numbers 1..120 — unexpected`
    );
  });

  it('names a missing or empty English title by its article', async () => {
    const missing = { ...articlesEn, '41': { summary_en: 'A summary.' } };
    expect((await assembleError({ articlesEn: missing })).message).toBe(
      `${ARTICLES_EN_FILE}:article 41: title_en: required`
    );
    const empty = { ...articlesEn, '41': { title_en: ' ', summary_en: 'A summary.' } };
    expect((await assembleError({ articlesEn: empty })).message).toBe(
      `${ARTICLES_EN_FILE}:article 41: title_en: must not be empty`
    );
  });

  it('rejects a summary longer than one line', async () => {
    const long = { ...articlesEn, '3': { title_en: 'T', summary_en: 'x'.repeat(201) } };
    expect((await assembleError({ articlesEn: long })).message).toBe(
      `${ARTICLES_EN_FILE}:article 3: summary_en: must be one line of at most 200 characters`
    );
  });

  it('names a missing English chapter title by its key', async () => {
    const { ['12']: _dropped, ...rest } = chaptersEn;
    expect(_dropped).toBeDefined();
    expect((await assembleError({ chaptersEn: rest })).message).toBe(
      `${CHAPTERS_EN_FILE}:key "12": keys must be exactly the chapter numbers 1..12 — missing`
    );
  });
});
