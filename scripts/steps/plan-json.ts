/**
 * Pipeline step producing the plan (static/data/plan.json): the official text parsed into chapters and
 * articles, the project's English titles and summaries merged in, targets attached, all validated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';
import { EXPECTED_ARTICLES, EXPECTED_CHAPTERS, parsePlanText } from '../pipeline/plan/parse';
import { planSchema, type Article, type Chapter, type Plan } from '../../src/lib/plan/schema';
import { sortOutcomes } from '../../src/lib/plan/outcomes';
import { readDataset } from '../pipeline/dataset';
import {
  OUTCOMES_FILE,
  checkOutcomes,
  parseOutcomes,
  publishedOutcome,
  type CuratedOutcome
} from '../pipeline/outcomes';
import { TARGETS_FILE, extractTargets } from '../pipeline/plan/targets';
import { readText } from '../pipeline/read';

export const PLAN_DIR = 'data/plan';
export const CHAPTERS_EN_FILE = `${PLAN_DIR}/chapters.en.json`;
export const ARTICLES_EN_FILE = `${PLAN_DIR}/articles.en.json`;

const SUMMARY_MAX_CHARS = 200;

// Zod reports a missing field as a type error; "required" says what to fix.
const requiredOr = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : `must be ${what}`;

const chapterEnSchema = z
  .string({ error: requiredOr('a string') })
  .trim()
  .min(1, 'must not be empty');
const articleEnSchema = z
  .object(
    {
      title_en: z
        .string({ error: requiredOr('a string') })
        .trim()
        .min(1, 'must not be empty'),
      summary_en: z
        .string({ error: requiredOr('a string') })
        .trim()
        .min(1, 'must not be empty')
        .max(SUMMARY_MAX_CHARS, `must be one line of at most ${SUMMARY_MAX_CHARS} characters`)
    },
    { error: requiredOr('an object with title_en and summary_en') }
  )
  .strict();

/** The curated inputs of the plan step, as read from disk. */
export interface PlanSources {
  /** The dataset-wide as-of date (data/dataset.json). */
  asOf: string;
  /** Published outcomes, checked against the targets and attached to them. */
  outcomes: readonly CuratedOutcome[];
  textFile: string;
  text: string;
  chaptersEn: unknown;
  articlesEn: unknown;
}

/**
 * Checks that an English file is an object keyed by exactly the numbers 1..count, and validates each entry.
 * A missing or extra key is named, so a forgotten or stray translation is found at once.
 */
function readNumberedEntries<T>(
  file: string,
  data: unknown,
  count: number,
  what: string,
  entrySchema: z.ZodType<T>
): Map<number, T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DataError(file, 'top level', `must be an object keyed by ${what} number`);
  }
  const keys = Object.keys(data);
  const expected = Array.from({ length: count }, (_, i) => String(i + 1));
  const rule = `keys must be exactly the ${what} numbers 1..${count}`;
  const missing = expected.filter((k) => !keys.includes(k));
  if (missing[0]) {
    throw new DataError(file, `key "${missing[0]}"`, rule, `missing${andMore(missing)}`);
  }
  const extra = keys.filter((k) => !expected.includes(k));
  if (extra[0]) {
    throw new DataError(file, `key "${extra[0]}"`, rule, `unexpected${andMore(extra)}`);
  }
  const entries = new Map<number, T>();
  for (const [key, value] of Object.entries(data)) {
    const result = entrySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.join('.');
      throw new DataError(
        file,
        `${what} ${key}`,
        `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid entry'}`
      );
    }
    entries.set(Number(key), result.data);
  }
  return entries;
}

function andMore(keys: string[]): string {
  return keys.length > 1 ? ` (also ${keys.slice(1).join(', ')})` : '';
}

/** Names the record a schema issue belongs to, and the file an editor should open to fix it. */
function locateIssue(plan: Plan, path: PropertyKey[], textFile: string): { file: string; record: string } {
  const [collection, index, field] = path;
  const i = typeof index === 'number' ? index : -1;
  if (collection === 'articles') {
    const english = field === 'title_en' || field === 'summary_en';
    return {
      file: english ? ARTICLES_EN_FILE : textFile,
      record: `article ${plan.articles[i]?.n ?? i + 1}`
    };
  }
  if (collection === 'chapters') {
    return {
      file: field === 'title_en' ? CHAPTERS_EN_FILE : textFile,
      record: `chapter ${plan.chapters[i]?.n ?? i + 1}`
    };
  }
  if (collection === 'targets') {
    return { file: TARGETS_FILE, record: `target ${plan.targets[i]?.id ?? `#${i + 1}`}` };
  }
  return { file: textFile, record: String(collection ?? 'plan') };
}

/** Parses the text, merges the English, attaches targets and their outcomes, and validates the result against planSchema. */
export function assemblePlan(sources: PlanSources): Plan {
  const parsed = parsePlanText(sources.text, sources.textFile);
  const chaptersEn = readNumberedEntries(
    CHAPTERS_EN_FILE,
    sources.chaptersEn,
    EXPECTED_CHAPTERS,
    'chapter',
    chapterEnSchema
  );
  const articlesEn = readNumberedEntries(
    ARTICLES_EN_FILE,
    sources.articlesEn,
    EXPECTED_ARTICLES,
    'article',
    articleEnSchema
  );

  const chapters: Chapter[] = parsed.chapters.map((c) => ({
    n: c.n,
    title_zh: c.title_zh,
    title_en: chaptersEn.get(c.n) ?? '',
    intro_zh: c.intro_zh,
    sections: c.sections
  }));
  const articles: Article[] = parsed.articles.map((a) => ({
    n: a.n,
    chapter: a.chapter,
    section: a.section,
    title_zh: a.title_zh,
    title_en: articlesEn.get(a.n)?.title_en ?? '',
    summary_en: articlesEn.get(a.n)?.summary_en ?? '',
    text_zh: a.text_zh,
    line: a.line
  }));
  const targets = extractTargets({ chapters, articles });
  checkOutcomes(sources.outcomes, targets, sources.asOf, OUTCOMES_FILE);
  const plan: Plan = {
    as_of: sources.asOf,
    source: parsed.source,
    chapters,
    articles,
    targets: targets.map((target) => ({
      ...target,
      outcomes: sortOutcomes(sources.outcomes.filter((o) => o.target === target.id)).map(publishedOutcome)
    }))
  };

  const result = planSchema.safeParse(plan, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined)
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path ?? [];
    const { file, record } = locateIssue(plan, path, sources.textFile);
    const field = path.slice(2).join('.');
    throw new DataError(file, record, `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function readJson(file: string): unknown {
  const text = readFileSync(join(process.cwd(), file), 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(
      file,
      'JSON',
      'must be valid JSON',
      error instanceof Error ? error.message : String(error)
    );
  }
}

/** Reads data/plan (the one official text and the two English files) and builds the validated plan. */
export function buildPlan(): Plan {
  const texts = readdirSync(join(process.cwd(), PLAN_DIR)).filter((f) => f.endsWith('.txt'));
  const [only, ...others] = texts;
  if (!only || others.length > 0) {
    throw new DataError(
      PLAN_DIR,
      '*.txt',
      'there must be exactly one plan text',
      `found ${texts.length === 0 ? 'none' : texts.join(', ')}`
    );
  }
  const textFile = `${PLAN_DIR}/${only}`;
  return assemblePlan({
    asOf: readDataset().as_of,
    outcomes: parseOutcomes(readText(process.cwd(), OUTCOMES_FILE), OUTCOMES_FILE),
    textFile,
    text: readFileSync(join(process.cwd(), textFile), 'utf8'),
    chaptersEn: readJson(CHAPTERS_EN_FILE),
    articlesEn: readJson(ARTICLES_EN_FILE)
  });
}
