/**
 * The plan's layer ids, bottom first in the registry's order. Kept apart from the registry
 * (`layers.ts`: names, colours, legends) so that reading a link, which happens before the map's first
 * frame, does not load the registry; `layers.ts` is typed against this list, and a unit test keeps the two
 * in step.
 */
export const LAYER_IDS = [
  'zones',
  'ecology',
  'culture',
  'public-services',
  'science',
  'energy',
  'transport'
] as const;

export type LayerId = (typeof LAYER_IDS)[number];

/** The layers a view shows when it does not say otherwise: all of them. */
export const DEFAULT_LAYER_IDS: readonly LayerId[] = LAYER_IDS;
