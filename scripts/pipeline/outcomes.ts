/**
 * Published outcomes of the plan's targets (data/plan/outcomes.json): each record one figure that a dated
 * source printed for one target, as printed. The rules here keep the series honest: the target exists, the
 * figure is dated within the plan's period and the dataset's as-of date, a figure compared like-for-like
 * uses the target's unit (at any magnitude) and is no forecast, and anything that is not a plain,
 * like-for-like, re-checked figure says why in a note.
 */
import { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';
import { outcomeSchema, type Outcome, type Target } from '../../src/lib/plan/schema';
import { periodBounds } from '../../src/lib/plan/outcomes';
import { unitsCompatible } from '../../src/lib/plan/units';
import { parseJsonRecords } from './json-records';
import { readText } from './read';

export const OUTCOMES_FILE = 'data/plan/outcomes.json';

/** Outcomes describe the plan's period: a figure for 2022 or before is a baseline, not an outcome. */
export const FIRST_OUTCOME_YEAR = 2023;

const curatedOutcomeSchema = outcomeSchema
  .extend({
    target: z.string().regex(/^(a\d{1,3}|c\d{1,2})-\d+$/),
    /** The words around the figure as printed; required for a figure re-checked in a stored copy. */
    quote: z.string().min(1).max(120).optional()
  })
  .strict();
export type CuratedOutcome = z.infer<typeof curatedOutcomeSchema>;

const fileSchema = z.object({ outcomes: z.array(curatedOutcomeSchema) }).strict();

/** Parses the curated outcomes file (schema only; see checkOutcomes for the rules across records). */
export function parseOutcomes(text: string, file: string): CuratedOutcome[] {
  return parseJsonRecords(text, file, fileSchema, 'outcomes file').outcomes;
}

/**
 * Words that say where or how a source was read rather than who published it: such notes go to `url`,
 * `original` and `note_en`, never into a name the site prints.
 */
const NOTE_WORDS =
  /\b(repost(ed|s)?|mirror(ed|s)?|summary|excerpt|snapshot|aggregator|unknown|unnamed|anonymous|via|citing|third[- ]party)\b|转载|镜像|摘要|未署名/i;
/** A host name (`smalldaily.com`, `shanghui.hzdx.com`): where a copy was read, which `url` already says. */
const HOST = /\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;
const HAN = /\p{Script=Han}/u;

/** Why `value`, a name in an outcome's source, is not a plain name, or null when it is one. */
export function sourceNameProblem(
  field: 'publisher' | 'publisher_en' | 'cites',
  value: string
): string | null {
  if (/[()（）[\]【】]/.test(value)) return 'brackets: a name carries no remarks (put them in note_en)';
  const note = NOTE_WORDS.exec(value);
  if (note) return `"${note[0]}" is a note, not a name (a copy's host is in url, the rest goes to note_en)`;
  // An English brand may look like a host (China.com.cn); a Chinese name or a cited body may not.
  if (field !== 'publisher_en' && HOST.test(value)) {
    return 'a host name: where a copy was read is in url; null where the source names no publisher';
  }
  if (field === 'publisher_en' && HAN.test(value)) return 'Chinese characters in the English name';
  if (field !== 'publisher_en' && HAN.test(value) && /\/\s*[A-Za-z]|[A-Za-z]\s*\//.test(value)) {
    return 'a Chinese name with an English one beside it: the English name goes to publisher_en';
  }
  // A joint byline is written as printed (青岛日报/观海新闻); two names set apart are a name and a remark.
  if (field !== 'publisher_en' && /\s\/|\/\s/.test(value)) {
    return 'two names joined by " / ": one publisher here, a body whose figure it reports goes to cites';
  }
  return null;
}

/** The source's names are names only: a publisher (or null), its English name, and the body cited. */
function checkSourceNames(o: CuratedOutcome, file: string, where: string): void {
  const { publisher, publisher_en, cites } = o.source;
  const fields = { publisher, publisher_en, cites };
  for (const [field, value] of Object.entries(fields) as [keyof typeof fields, string | null | undefined][]) {
    if (value === null || value === undefined) continue;
    const problem = sourceNameProblem(field, value);
    if (problem)
      throw new DataError(file, where, `source.${field} is not a plain name`, `"${value}": ${problem}`);
  }
  if (publisher === null && publisher_en !== undefined) {
    throw new DataError(file, where, 'source.publisher_en without a publisher', `"${publisher_en}"`);
  }
}

/** Checks each outcome against its target and the dataset's as-of date; throws a DataError naming the record. */
export function checkOutcomes(
  outcomes: readonly CuratedOutcome[],
  targets: readonly Target[],
  asOf: string,
  file: string
): void {
  const byId = new Map(targets.map((t) => [t.id, t]));
  outcomes.forEach((o, index) => {
    const where = `entry ${index + 1} (${o.target}, ${o.value} ${o.unit}, ${o.period})`;
    const target = byId.get(o.target);
    if (!target) throw new DataError(file, where, 'outcome of a target not in the plan', o.target);
    checkSourceNames(o, file, where);
    const { start, end } = periodBounds(o.period);
    if (start > end) throw new DataError(file, where, 'period ends before it starts', o.period);
    if (Number(end.slice(0, 4)) < FIRST_OUTCOME_YEAR) {
      // A multi-year figure reaching into the plan's period counts (with its caveat); a baseline does not.
      throw new DataError(
        file,
        where,
        'period before the plan',
        `ends ${end}; outcomes reach ${FIRST_OUTCOME_YEAR} or later`
      );
    }
    if (start > asOf) {
      throw new DataError(file, where, 'period after the dataset as-of date', `${o.period} > ${asOf}`);
    }
    const published = o.source.published;
    if (published !== null && published > asOf) {
      throw new DataError(file, where, 'published after the dataset as-of date', `${published} > ${asOf}`);
    }
    if (published !== null && published < start.slice(0, published.length)) {
      throw new DataError(file, where, 'published before the period it reports', `${published} < ${start}`);
    }
    if (o.like_for_like) {
      if (o.qualifier === 'estimate') {
        throw new DataError(file, where, 'a forecast cannot be like-for-like', 'set like_for_like: false');
      }
      if (target.value !== null && !unitsCompatible(o.unit, target.unit)) {
        throw new DataError(
          file,
          where,
          'like-for-like outcome in a unit the target does not use',
          `"${o.unit}" against the target's "${target.unit}"`
        );
      }
    }
    if (o.checked && !o.quote) {
      throw new DataError(
        file,
        where,
        'quote missing',
        'a re-checked figure gives the words around it as printed'
      );
    }
    const needsNote = !o.like_for_like || o.qualifier !== 'exact' || !o.checked || !o.source.original;
    if (needsNote && !o.note_en) {
      throw new DataError(
        file,
        where,
        'caveat missing',
        'an outcome that is not like-for-like, not exact, not re-checked or not from the original needs note_en'
      );
    }
  });
}

/** The published form of a curated outcome on its target (the quote stays in /data/outcomes.json). */
export function publishedOutcome(o: CuratedOutcome): Outcome {
  const outcome: Partial<CuratedOutcome> = { ...o };
  delete outcome.target;
  delete outcome.quote;
  return outcome as Outcome;
}

/** Reads and checks data/plan/outcomes.json against the plan's targets. */
export function readOutcomes(
  targets: readonly Target[],
  asOf: string,
  root = process.cwd()
): CuratedOutcome[] {
  const outcomes = parseOutcomes(readText(root, OUTCOMES_FILE), OUTCOMES_FILE);
  checkOutcomes(outcomes, targets, asOf, OUTCOMES_FILE);
  return outcomes;
}
