/**
 * The closed vocabularies of the data model. Kept apart from the zod schemas so that interface code can
 * use them without bringing the validation library into the browser bundle.
 */
export const STATUSES = ['operating', 'under-construction', 'planned', 'proposed', 'designated'] as const;
export const PRECISIONS = ['surveyed', 'approximate', 'indicative'] as const;
