/**
 * Draws a street basemap as raster layers inside the embedded basemap's style, beneath its borders and
 * labels (so the plan's layers, the radius and the labels stay on top), and watches it: an HTTP error,
 * an image that does not decode, a failed request, or no tile arriving within the deadline gives the
 * provider up. The caller then removes it and falls back to the embedded basemap.
 */
import type { ErrorEvent, Map as MapLibreMap, MapSourceDataEvent, MapStyleDataEvent } from 'maplibre-gl';
import {
  classifyTileError,
  streetBasemap,
  type StreetBasemapSpec,
  type StreetFailure,
  type StreetOptions
} from './basemaps';
import type { StreetProviderId } from './basemap-ids';

const PREFIX = 'street-';

/** How long tiles may be pending with none arriving before the provider counts as not answering. */
export const STREET_TIMEOUT_MS = 8000;

export interface StreetLayerOptions {
  /** The embedded basemap's layer the street layers go beneath. */
  beforeId: string;
  onFail: (failure: StreetFailure) => void;
  timeoutMs?: number;
}

/** Adds the provider's raster layers and their watch; returns what removes both. */
export function showStreetBasemap(
  map: MapLibreMap,
  spec: StreetBasemapSpec,
  options: StreetLayerOptions
): () => void {
  const { provider } = spec;
  const sourceIds = spec.layers.map((layer) => `${PREFIX}${layer.id}`);
  spec.layers.forEach((layer, i) => {
    const id = sourceIds[i]!;
    map.addSource(id, {
      type: 'raster',
      tiles: layer.tiles,
      tileSize: provider.tileSize,
      maxzoom: provider.maxZoom,
      // One credit per provider: on its first layer.
      attribution: i === 0 ? provider.attribution : undefined
    });
    map.addLayer({ id, type: 'raster', source: id }, options.beforeId);
  });

  const ours = new Set(sourceIds);
  let failed = false;
  let lastProgress = performance.now();
  const fail = (failure: Omit<StreetFailure, 'provider'>) => {
    if (failed) return;
    failed = true;
    options.onFail({ provider: provider.id, ...failure });
  };

  const onError = (event: ErrorEvent & { sourceId?: string }) => {
    if (event.sourceId && ours.has(event.sourceId)) {
      fail(classifyTileError(event.error));
      return;
    }
    // Listening to 'error' stops MapLibre printing the map's other errors: print them as it would.
    console.error(event.error);
  };
  const onData = (event: MapSourceDataEvent | MapStyleDataEvent) => {
    if (event.dataType === 'source' && ours.has(event.sourceId) && event.tile)
      lastProgress = performance.now();
  };
  // Tiles pending and none arriving: the provider is not answering. Measured from the last tile that
  // arrived (or from the start), so a slow but working provider is not given up.
  const timeoutMs = options.timeoutMs ?? STREET_TIMEOUT_MS;
  const watchdog = setInterval(() => {
    if (failed) return;
    const pending = sourceIds.some((id) => map.getSource(id) && !map.isSourceLoaded(id));
    if (!pending) lastProgress = performance.now();
    else if (performance.now() - lastProgress > timeoutMs) fail({ reason: 'timeout' });
  }, 500);
  // The page may remove the whole map first; its layers then go with it.
  let mapRemoved = false;
  const onRemove = () => {
    mapRemoved = true;
    clearInterval(watchdog);
  };
  map.on('error', onError);
  map.on('data', onData);
  map.once('remove', onRemove);

  return () => {
    clearInterval(watchdog);
    map.off('error', onError);
    map.off('data', onData);
    map.off('remove', onRemove);
    if (mapRemoved) return;
    for (const id of sourceIds) {
      if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(id)) map.removeSource(id);
    }
  };
}

/**
 * Draws the street basemap a user chose, if it can be drawn (a provider that needs a key has one), beneath
 * the embedded basemap's borders and labels. Returns the provider drawn (or null) and what removes it.
 */
export function showChosenStreetBasemap(
  map: MapLibreMap,
  request: StreetOptions & { id: StreetProviderId },
  onFail: (failure: StreetFailure) => void
): { provider: string | null; remove: () => void } {
  const spec = streetBasemap(request.id, request);
  if (!spec) return { provider: null, remove: () => {} };
  return {
    provider: spec.provider.id,
    remove: showStreetBasemap(map, spec, { beforeId: 'district-boundary', onFail })
  };
}
