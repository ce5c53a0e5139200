/**
 * The places the plan names that have no feature of their own, as published in
 * /data/unmapped-places.json: each with the articles that name it and why it is not drawn.
 */
import type { UnmappedReason } from './vocabulary';

export interface UnmappedPlace {
  name_zh: string;
  articles: number[];
  reason: Exclude<UnmappedReason, 'not-a-place'>;
  /** What the sources say of it, in English. */
  note: string;
  /** For `part-of-feature`: the mapped feature the place lies in. */
  feature?: string;
}

export interface UnmappedPlaces {
  /** The dataset-wide as-of date. */
  as_of: string;
  places: UnmappedPlace[];
}
