/**
 * Pipeline step for /data/unmapped-places.json: the places the plan names that have no feature of their
 * own, with the reason and what the sources say, from the coverage report over the built features.
 */
import { unmappedPlacesSchema, type Plan, type PlanFeature } from '../../src/lib/plan/schema';
import type { UnmappedPlaces } from '../../src/lib/plan/unmapped';
import { coverageReport, readUnmapped, unmappedPlaces } from '../pipeline/coverage';

/** Builds the published list of unmapped places from the plan, the built features and unmapped.json. */
export function buildUnmappedPlacesJson(
  plan: Plan,
  features: readonly PlanFeature[],
  root = process.cwd()
): UnmappedPlaces {
  const { places } = unmappedPlaces(coverageReport(plan, features, readUnmapped(root)));
  return unmappedPlacesSchema.parse({ as_of: plan.as_of, places });
}
