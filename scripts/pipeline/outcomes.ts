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
