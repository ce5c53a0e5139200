/**
 * What the map page adds to its map once the basemap has drawn its first frame: the plan's names, the
 * near-me radius with the gestures that start near-me, and the plan's deck.gl layers with their hover and
 * selection. Loaded then, not with the page, so that the first frame never waits for this code.
 */
import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { tick } from 'svelte';
import { boundsOverlap, geometryBounds } from '$lib/geo/bounds';
import type { PlanFeature } from '$lib/plan/schema';
import type { MapState } from '$lib/state/map-state.svelte';
import * as labels from './plan-labels';
import * as near from './near-layers';
import type { PlanOverlay } from './plan-overlay';
import { focusPadding, markPlanDrawn, textScale } from './runtime';

export { labels, near };

/** The basemap's label layer that everything the page adds is drawn beneath. */
const LABELS_LAYER = 'district-label';

/**
 * Adds the plan's names (on top of everything) and the near-me radius (beneath the plan's layers, which go in before the same
 * label layer later and so are drawn over it). Returns what stops the near-me gestures.
 */
export function addLabelsAndNear(
  map: MapLibreMap,
  view: MapState,
  features: readonly PlanFeature[],
  scale: number
): () => void {
  labels.addPlanLabels(map, features, view.lang, scale);
  map.addSource(near.NEAR_SOURCE, { type: 'geojson', data: near.nearData(view.near) });
  for (const layer of near.nearLayers(scale)) map.addLayer(layer, LABELS_LAYER);
  return near.nearGestures(map, (origin) => view.startNear(origin));
}

let overlayModule: Promise<typeof import('./plan-overlay')> | null = null;
/** deck.gl and the plan's layers: a large download, started as soon as the basemap has drawn its first frame. */
export const loadOverlay = () => (overlayModule ??= import('./plan-overlay'));

/**
 * The plan's deck.gl layers, drawn in MapLibre's canvas beneath the basemap's labels, reporting hover and
 * selection to the page's state. `features` is read when a selection needs the feature's shape.
 */
export async function addPlanOverlay(
  map: MapLibreMap,
  view: MapState,
  features: () => readonly PlanFeature[],
  container: HTMLElement,
  initial: readonly PlanFeature[],
  /** False once the page has gone while deck.gl was loading: nothing is added then. */
  wanted: () => boolean
): Promise<PlanOverlay | null> {
  const { PlanOverlay } = await loadOverlay();
  if (!wanted()) return null;
  const overlay = new PlanOverlay(
    map,
    initial,
    {
      onHover: (id, x, y) => {
        // The map's pointer leaving every feature ends only its own hover, not a list row's.
        if (id || view.hover?.from !== 'list') view.setHover(id, x, y);
      },
      onSelect: (id) => {
        if (view.drawing) return false;
        view.select(id);
        if (id)
          void revealAfterLayout(
            map,
            features().find((f) => f.properties.id === id)
          );
      },
      onDrawn: () => markPlanDrawn(container),
      onUserLayers: (views) => (view.userLayers = views)
    },
    { labelsLayer: LABELS_LAYER }
  );
  view.overlay = overlay;
  view.mapHandle = { map, overlay };
  // The scripting surface (planners at the console, the benchmark's synthetic layer).
  window.qingdaoPlanMap = overlay.surface();
  return overlay;
}

/**
 * On a phone the bottom sheet that opens with a selection takes the lower part of the screen and the map
 * shrinks above it; a feature picked near the bottom would end up under the sheet, so bring it back.
 */
async function revealAfterLayout(map: MapLibreMap, feature: PlanFeature | undefined) {
  await tick();
  // MapLibre would notice the smaller container on its next resize observation; the check needs it now.
  map.resize();
  if (!feature) return;
  const box = geometryBounds(feature);
  const [west, south, east, north] = box;
  const shown = map.getBounds();
  if (boundsOverlap(box, [shown.getWest(), shown.getSouth(), shown.getEast(), shown.getNorth()])) return;
  map.fitBounds(
    [
      [west, south],
      [east, north]
    ],
    { padding: 30, maxZoom: map.getZoom(), duration: 500 }
  );
}

/** On a phone the bottom sheet sits below the map, which shrinks above it: the map learns its size first. */
function fitBox(
  map: MapLibreMap,
  box: readonly number[],
  width: number,
  padding: number | PaddingOptions,
  maxZoom: number
) {
  const [west, south, east, north] = box;
  if (width <= 640) map.resize();
  map.fitBounds(
    [
      [west!, south!],
      [east!, north!]
    ],
    { padding, maxZoom, duration: 800 }
  );
}

/** Brings a near-me circle wholly into view. `width` is the map's width in CSS pixels. */
export function fitNearCircle(
  map: MapLibreMap,
  circle: { origin: readonly [number, number]; radiusKm: number },
  width: number
): void {
  const box = geometryBounds(near.radiusCircle(circle.origin, circle.radiusKm));
  fitBox(map, box, width, width <= 640 ? 24 : 60, 15);
}

/** Brings a feature wholly into view, clear of the panels. `width` is the map's width in CSS pixels. */
export function fitFeature(map: MapLibreMap, feature: PlanFeature, width: number): void {
  fitBox(map, geometryBounds(feature), width, focusPadding(width, textScale()), 15);
}
