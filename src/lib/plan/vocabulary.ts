/**
 * The closed vocabularies of the data model. Kept apart from the zod schemas so that interface code can
 * use them without bringing the validation library into the browser bundle.
 */
export const STATUSES = ['operating', 'under-construction', 'planned', 'proposed', 'designated'] as const;
export const PRECISIONS = ['surveyed', 'approximate', 'indicative'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Why a name the plan uses is not a feature of its own on the map (data/features/unmapped.json). */
export const UNMAPPED_REASONS = [
  'outside-qingdao',
  'no-fixed-location',
  'programme-not-place',
  'no-position-in-sources',
  'part-of-feature',
  'not-a-place'
] as const;
export type UnmappedReason = (typeof UNMAPPED_REASONS)[number];

/** How a published figure is worded: exact, a lower bound (突破, 超过), about (约, 左右), or a forecast. */
export const OUTCOME_QUALIFIERS = ['exact', 'at-least', 'about', 'estimate'] as const;
export type OutcomeQualifier = (typeof OUTCOME_QUALIFIERS)[number];

/**
 * The uncertainty, in metres, a position of each class carries when its source states none: `approximate`
 * is good to about a kilometre by definition; `indicative` sketches are placed "to within a few km" in their
 * notes, taken as 3 km. Class defaults, never a source's figure; surveyed positions carry none.
 */
export const UNCERTAINTY_DEFAULT_M: Readonly<Record<Exclude<Precision, 'surveyed'>, number>> = {
  approximate: 1000,
  indicative: 3000
};
