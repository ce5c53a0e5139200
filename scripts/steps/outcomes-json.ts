/**
 * Pipeline step for /data/outcomes.json: every published outcome of the plan's targets, checked (see
 * scripts/pipeline/outcomes.ts), with the words around each figure as printed so anyone can find it again.
 * The same outcomes, less those words, are attached to their targets in plan.json.
 */
import { outcomesFileSchema, type OutcomesFile, type Plan } from '../../src/lib/plan/schema';
import { sortOutcomes } from '../../src/lib/plan/outcomes';
import { readOutcomes } from '../pipeline/outcomes';

/** Builds the published outcomes file for the plan's targets. */
export function buildOutcomesJson(plan: Plan, root = process.cwd()): OutcomesFile {
  const order = new Map(plan.targets.map((t, i) => [t.id, i]));
  const outcomes = readOutcomes(plan.targets, plan.as_of, root);
  const sorted = [...order.keys()].flatMap((id) => sortOutcomes(outcomes.filter((o) => o.target === id)));
  return outcomesFileSchema.parse({ as_of: plan.as_of, outcomes: sorted });
}
