/**
 * What the export dialog reads from the map page: the page registers a getter while it is shown and the
 * share sheet offers the export only then. Kept tiny, since the map page imports it on a first visit.
 */
import type { Bounds } from '$lib/geo/bounds';
import type { PlanFeature } from '$lib/plan/schema';
import type { MapHandle } from './view-image';

export interface ExportContext {
  /** The map and its overlay; null when there is no map (no WebGL): then only the features export. */
  map: MapHandle | null;
  /** The features the filters keep. */
  shown: readonly PlanFeature[];
  /** The map's view as `[west, south, east, north]`, or null without a map. */
  view: Readonly<Bounds> | null;
  selected: PlanFeature | null;
  /** The data's as-of date. */
  asOf: string;
}

export const exportSource: { get: (() => ExportContext) | null } = { get: null };
