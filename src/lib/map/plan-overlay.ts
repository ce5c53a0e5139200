/**
 * The one deck.gl overlay on the MapLibre map. Loaded with a dynamic import once the basemap is up, so a
 * first visit draws the basemap without waiting for deck.gl.
 *
 * Uses @deck.gl/maplibre rather than @deck.gl/mapbox: the latter (9.4) reads the private `map.transform`
 * that maplibre-gl 6 removed (visgl/deck.gl#10501).
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { metroData, metroLayers, type InteractionState } from './plan-layers';

export interface PlanOverlayCallbacks {
  /** Called with the hovered feature's id and the pointer's position in the map, or null. */
  onHover: (id: string | null, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  /** Called after deck.gl has drawn a frame with the plan layers in it. */
  onDrawn: () => void;
}

export class PlanOverlay {
  private readonly overlay: MapLibreOverlay;
  private readonly data: ReturnType<typeof metroData>;
  private drawn = false;

  constructor(
    private readonly map: MapLibreMap,
    features: readonly PlanFeature[],
    callbacks: PlanOverlayCallbacks
  ) {
    this.data = metroData(features);
    this.overlay = new MapLibreOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: 6,
      onHover: (info: PickingInfo<{ id: string }>) =>
        callbacks.onHover(info.object?.id ?? null, info.x, info.y),
      onClick: (info: PickingInfo<{ id: string }>) => callbacks.onSelect(info.object?.id ?? null),
      onAfterRender: () => {
        if (this.drawn) callbacks.onDrawn();
      },
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')
    });
    map.addControl(this.overlay);
  }

  /** Redraws the layers for the given hover, selection and scale. */
  update(state: InteractionState): void {
    this.overlay.setProps({ layers: metroLayers(this.data, state) });
    this.drawn = true;
  }

  destroy(): void {
    this.map.removeControl(this.overlay);
  }
}
