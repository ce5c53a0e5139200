/**
 * Coverage report: every place-like name in the plan's articles, beside the feature
 * that maps it or the curated reason it is not mapped (data/features/unmapped.json). `npm run data:coverage`
 * prints it (scripts/coverage.ts) and fails when a name has neither, or an unmapped entry no longer matches.
 *
 * Finding names: Chinese has no word boundaries, so the scan looks for place words (港区, 湾, 水库, 示范区 …)
 * and a few name patterns (`A至B` routes, metro line numbers), then explains each hit by the longest known
 * name that covers it — a feature's `mentions_zh` or an unmapped entry. A hit no known name covers is reported
 * with the characters before it as a guess at the name.
 */
import { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';
import { parseJsonRecords } from './json-records';
import { readText } from './read';
import type { Plan, PlanFeature } from '../../src/lib/plan/schema';
import type { UnmappedPlaces } from '../../src/lib/plan/unmapped';
import { UNMAPPED_REASONS, type UnmappedReason } from '../../src/lib/plan/vocabulary';

export const UNMAPPED_FILE = 'data/features/unmapped.json';

/** Why a name the plan uses is not a feature on the map. */
/** How the report prints each reason. */
const REASON_TEXT: Record<UnmappedReason, string> = {
  'outside-qingdao': 'outside Qingdao',
  'no-fixed-location': 'no fixed location',
  'programme-not-place': 'a programme, not a place',
  'no-position-in-sources': 'no position in our sources',
  'part-of-feature': 'inside a mapped feature',
  'not-a-place': 'not a place name'
};

export const unmappedEntrySchema = z
  .object({
    name_zh: z.string().min(1),
    reason: z.enum(UNMAPPED_REASONS),
    /** For part-of-feature: the feature that covers the place. */
    feature: z.string().optional(),
    note: z.string().min(1)
  })
  .strict()
  .refine((e) => (e.reason === 'part-of-feature') === (e.feature !== undefined), {
    message: 'feature is required exactly when the reason is part-of-feature',
    path: ['feature']
  });
export type UnmappedEntry = z.infer<typeof unmappedEntrySchema>;

/** Place words: a name ending in one of these is a place or a site. Longer words first. */
export const PLACE_WORDS = [
  '综合保税区',
  '高速公路',
  '示范区',
  '先行区',
  '试验区',
  '产业园',
  '快速路',
  '步行街',
  '实验室',
  '港区',
  '园区',
  '新区',
  '片区',
  '机场',
  '隧道',
  '高速',
  '铁路',
  '水库',
  '基地',
  '中心',
  '大学',
  '遗址',
  '公园',
  '商圈',
  '城区',
  '港',
  '湾',
  '岛',
  '山',
  '河'
] as const;

/** Name patterns beyond the place words: routes written `A至B`, metro lines, substations (`琅琊500千伏`). */
export const NAME_PATTERNS: readonly RegExp[] = [
  /[\u4e00-\u9fff]{2}至[\u4e00-\u9fff]{2}/gu,
  /\d+号线/gu,
  /[\u4e00-\u9fff]{2}\d+千伏/gu
];

const CJK = /[\u4e00-\u9fff]/u;

/** One hit of a place word or pattern in an article. */
export interface Hit {
  article: number;
  start: number;
  end: number;
}

/** A name found in the plan, with the articles it appears in and what explains it. */
export interface CoverageRow {
  name_zh: string;
  articles: number[];
  /** Feature ids whose mentions_zh is this name. */
  features: string[];
  unmapped?: UnmappedEntry;
}

export interface CoverageReport {
  rows: CoverageRow[];
  /** Hits no known name covers, with a guessed name. */
  unresolved: { guess: string; article: number }[];
  /** Unmapped entries whose name is in no article. */
  stale: UnmappedEntry[];
}

/**
 * What the site shows of the report: every place the plan names in the text that has no feature of its own,
 * with why; names that are not places at all are left out.
 */
export function unmappedPlaces(report: CoverageReport): Omit<UnmappedPlaces, 'as_of'> {
  const places: UnmappedPlaces['places'] = [];
  for (const row of report.rows) {
    const entry = row.unmapped;
    if (row.features.length > 0 || !entry || entry.reason === 'not-a-place') continue;
    places.push({
      name_zh: row.name_zh,
      articles: row.articles,
      reason: entry.reason,
      note: entry.note,
      ...(entry.feature ? { feature: entry.feature } : {})
    });
  }
  return { places };
}

/**
 * The share of the place names the plan gives inside Qingdao that are features linked to the articles
 * naming them: every place name except those outside Qingdao (and phrases that are not places at all).
 */
export function mappedShare(report: CoverageReport): { mapped: number; inside: number; share: number } {
  const inside = report.rows.filter(
    (r) =>
      r.features.length > 0 ||
      (r.unmapped?.reason !== 'not-a-place' && r.unmapped?.reason !== 'outside-qingdao')
  );
  const mapped = inside.filter((r) => r.features.length > 0).length;
  return { mapped, inside: inside.length, share: inside.length === 0 ? 0 : mapped / inside.length };
}

/** Parses the unmapped file: one entry per name, no duplicates. */
export function parseUnmapped(text: string, file: string): UnmappedEntry[] {
  const entries = parseJsonRecords(text, file, z.array(unmappedEntrySchema), 'unmapped entry');
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name_zh)) throw new DataError(file, entry.name_zh, 'duplicate unmapped name');
    seen.add(entry.name_zh);
  }
  return entries;
}

/** Reads and parses data/features/unmapped.json. */
export function readUnmapped(root = process.cwd()): UnmappedEntry[] {
  return parseUnmapped(readText(root, UNMAPPED_FILE), UNMAPPED_FILE);
}

/** Every hit of a place word or name pattern in one text. */
export function findHits(article: number, text: string): Hit[] {
  const hits: Hit[] = [];
  const taken = new Set<number>();
  for (const word of PLACE_WORDS) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(word, from);
      if (at === -1) break;
      from = at + 1;
      // A shorter word inside a longer one already found (港 in 港区) is the same hit.
      const span = Array.from({ length: word.length }, (_, k) => at + k);
      if (span.some((k) => taken.has(k))) continue;
      for (const k of span) taken.add(k);
      hits.push({ article, start: at, end: at + word.length });
    }
  }
  for (const pattern of NAME_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      hits.push({ article, start: match.index, end: match.index + match[0].length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The characters before a hit that may be its name: up to six CJK characters, stopping at punctuation. */
function guessName(text: string, hit: Hit): string {
  let start = hit.start;
  while (start > 0 && hit.start - start < 6 && CJK.test(text[start - 1] ?? '')) start--;
  return text.slice(start, hit.end);
}

/** Builds the coverage report for the plan's articles against the features and the unmapped entries. */
export function coverageReport(
  plan: Pick<Plan, 'articles'>,
  features: readonly PlanFeature[],
  unmapped: readonly UnmappedEntry[]
): CoverageReport {
  const byName = new Map<string, CoverageRow>();
  const known = new Map<string, { features: string[]; unmapped?: UnmappedEntry }>();
  // A place outside Qingdao is on the map for context only: it never maps a name of the plan.
  for (const feature of features.filter((f) => !f.properties.outside_qingdao)) {
    for (const name of feature.properties.mentions_zh ?? []) {
      const entry = known.get(name) ?? { features: [] };
      entry.features.push(feature.properties.id);
      known.set(name, entry);
    }
  }
  for (const entry of unmapped) {
    const k = known.get(entry.name_zh) ?? { features: [] };
    k.unmapped = entry;
    known.set(entry.name_zh, k);
  }
  const names = [...known.keys()].sort((a, b) => b.length - a.length);
  const unresolved: CoverageReport['unresolved'] = [];
  const seenInText = new Set<string>();

  for (const article of plan.articles) {
    const text = `${article.title_zh}。${article.text_zh}`;
    // Spans of every known name in this article, longest names first.
    const spans: { name: string; start: number; end: number }[] = [];
    for (const name of names) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(name, from);
        if (at === -1) break;
        from = at + 1;
        spans.push({ name, start: at, end: at + name.length });
        seenInText.add(name);
      }
    }
    for (const hit of findHits(article.n, text)) {
      const span = spans.find((s) => s.start <= hit.start && s.end >= hit.end);
      if (!span) {
        unresolved.push({ guess: guessName(text, hit), article: article.n });
        continue;
      }
      const k = known.get(span.name);
      const row = byName.get(span.name) ?? {
        name_zh: span.name,
        articles: [],
        features: k?.features ?? [],
        ...(k?.unmapped ? { unmapped: k.unmapped } : {})
      };
      if (!row.articles.includes(article.n)) row.articles.push(article.n);
      byName.set(span.name, row);
    }
  }
  const stale = unmapped.filter((e) => !seenInText.has(e.name_zh));
  const rows = [...byName.values()].sort((a, b) => (a.articles[0] ?? 0) - (b.articles[0] ?? 0));
  return { rows, unresolved, stale };
}

/** The report as a readable table with totals. */
export function formatReport(report: CoverageReport): string {
  const lines: string[] = [];
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length * 2));
  lines.push(`${pad('name', 40)}  articles        mapped by / reason`);
  lines.push('-'.repeat(100));
  for (const row of report.rows) {
    const how =
      row.features.length > 0
        ? row.features.join(', ')
        : row.unmapped
          ? `— ${REASON_TEXT[row.unmapped.reason]}${row.unmapped.feature ? ` (${row.unmapped.feature})` : ''}: ${row.unmapped.note}`
          : '?';
    lines.push(`${pad(row.name_zh, 40)}  ${row.articles.join(',').padEnd(14)}  ${how}`);
  }
  const places = report.rows.filter((r) => r.unmapped?.reason !== 'not-a-place');
  const mapped = places.filter((r) => r.features.length > 0);
  const share = mappedShare(report);
  lines.push('');
  lines.push(
    `place names found: ${places.length}; mapped: ${mapped.length}; not mapped: ${places.length - mapped.length}`
  );
  lines.push(
    `inside Qingdao: ${share.mapped} of ${share.inside} mapped (${(share.share * 100).toFixed(1)} %)`
  );
  const unmappedWith = (reason: UnmappedReason) =>
    report.rows.filter((r) => r.features.length === 0 && r.unmapped?.reason === reason).length;
  for (const reason of UNMAPPED_REASONS) {
    const n = unmappedWith(reason);
    if (n > 0 && reason !== 'not-a-place') lines.push(`  ${REASON_TEXT[reason]}: ${n}`);
  }
  // Phrases the name patterns catch that are not places at all are counted apart from the places.
  lines.push(
    `other names found and set aside (${REASON_TEXT['not-a-place']}): ${unmappedWith('not-a-place')}`
  );
  if (report.unresolved.length > 0) {
    lines.push('');
    lines.push(`UNRESOLVED (${report.unresolved.length}): place-like names with no feature and no reason`);
    for (const u of report.unresolved) lines.push(`  article ${u.article}: …${u.guess}`);
  }
  if (report.stale.length > 0) {
    lines.push('');
    lines.push(`STALE (${report.stale.length}): unmapped entries the plan text does not contain`);
    for (const e of report.stale) lines.push(`  ${e.name_zh}`);
  }
  return lines.join('\n');
}
