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
import {
  metroData,
  metroLayers,
  planData,
  planLayers,
  userDataLayer,
  type InteractionState,
  type UserLayer
} from './plan-layers';

export interface PlanOverlayCallbacks {
  /** Called with the hovered feature's id and the pointer's position in the map, or null. */
  onHover: (id: string | null, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  /** Called after deck.gl has drawn a frame with the plan layers in it. */
  onDrawn: () => void;
}

export class PlanOverlay {
  private readonly overlay: MapLibreOverlay;
  private metro: ReturnType<typeof metroData>;
  private plan: ReturnType<typeof planData>;
  private drawn = false;
  private userLayers: UserLayer[] = [];
  private state: InteractionState = { hoveredId: null, selectedId: null, scale: 1 };

  constructor(
    private readonly map: MapLibreMap,
    features: readonly PlanFeature[],
    callbacks: PlanOverlayCallbacks
  ) {
    this.metro = metroData(features);
    this.plan = planData(features);
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
    this.state = state;
    const users = this.userLayers.map((layer) => userDataLayer(layer, state.scale));
    this.overlay.setProps({
      layers: [...users, ...planLayers(this.plan, state), ...metroLayers(this.metro, state)]
    });
    this.drawn = true;
  }

  /** Replaces the plan features drawn, e.g. when the layer or status filters change. */
  setFeatures(features: readonly PlanFeature[]): void {
    this.metro = metroData(features);
    this.plan = planData(features);
    this.update(this.state);
  }

  /** Adds or replaces a layer of the user's own data, drawn under the plan layers. */
  setUserLayer(layer: UserLayer): void {
    this.userLayers = [...this.userLayers.filter((l) => l.id !== layer.id), layer];
    this.update(this.state);
  }

  removeUserLayer(id: string): void {
    this.userLayers = this.userLayers.filter((l) => l.id !== id);
    this.update(this.state);
  }

  destroy(): void {
    this.map.removeControl(this.overlay);
  }
}
