/**
 * The plan drawn on the MapLibre map: deck.gl layers through @deck.gl/maplibre's MapLibreOverlay in
 * interleaved mode (one WebGL context, MapLibre's canvas), placed among the basemap's layers with
 * `beforeId` so the district and station labels stay above the zone fills; and the area outlines as a
 * MapLibre line layer between the fills and the lines (plan-outlines.ts says why). Loaded with a dynamic
 * import once the basemap is up, so a first visit draws the basemap without waiting for deck.gl.
 *
 * Uses @deck.gl/maplibre rather than @deck.gl/mapbox: the latter (9.4) reads the private `map.transform`
 * that maplibre-gl 6 removed (visgl/deck.gl#10501).
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { GeoJSONSource, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { planData, planLayers, type InteractionState, type PlanData, type Placement } from './plan-layers';
import { OUTLINE_LAYER, OUTLINE_SOURCE, outlineData, outlineLayer, outlineWidth } from './plan-outlines';
import type { UserLayer, UserLayerView, Viewport } from './user-layers';
import type { UserDataRequest, UserDataResponse } from './user-data-protocol';
import type { LayerStyle, LegendEntry } from '$lib/user/style';
import { hexToRgba } from './symbology';

/** How a user's layer is drawn: its colour or style by property, opacity, visibility, and whether it is a
 * preview of another reading of its coordinates. */
export interface UserLayerDisplay {
  colour: string;
  style?: LayerStyle;
  opacity?: number;
  visible?: boolean;
  ghost?: boolean;
}

/** What tests and scripts can read of a user layer as drawn. */
export interface UserLayerState {
  id: string;
  visible: boolean;
  opacity: number;
  ghost: boolean;
  /** Whether it is drawn in colours per feature. */
  coloured: boolean;
  /** The first points (up to 1,000) at its full level, `[lon, lat]`. */
  points: [number, number][];
}

/** The id @deck.gl/maplibre gives the MapLibre custom layer drawing the deck.gl layers placed before `beforeId`. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function groupId({ beforeId }: { beforeId?: string }): string {
  return beforeId ? `deck-maplibre-layer-group-before:${beforeId}` : 'deck-maplibre-layer-group-last';
}

/** How far from a feature, in CSS pixels, a pointer still hovers or clicks it. */
const PICKING_RADIUS = 6;

export interface PlanOverlayCallbacks {
  /** Called with the hovered feature's id and the pointer's position in the map, or null. */
  onHover: (id: string | null, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  /** Called after a frame with the plan layers in it has been drawn. */
  onDrawn: () => void;
  /** Called with what the map shows of each user layer, whenever that changes (a layer, a zoom level). */
  onUserLayers?: (layers: UserLayerView[]) => void;
}

export interface PlanOverlayOptions {
  /** The basemap layer every plan layer is drawn beneath (its first label layer). */
  labelsLayer: string;
}

export class PlanOverlay {
  private readonly overlay: MapLibreOverlay;
  private readonly placement: Placement;
  private data: PlanData;
  private features: readonly PlanFeature[];
  private drawn = false;
  private layers: Layer[] = [];
  private userLayers: UserLayer[] = [];
  /** The user-layer drawing code, once the first user layer has asked for it. */
  private userModule: typeof import('./user-layers') | null = null;
  private state: InteractionState = { hoveredId: null, selectedId: null, scale: 1 };
  private worker: Worker | null = null;
  private requests = new Map<
    number,
    { resolve: (d: UserDataResponse) => void; reject: (e: Error) => void }
  >();
  /** The latest request per user layer: an answer to an older one is dropped. */
  private latest = new Map<string, number>();
  /** The user layers' levels and blocks last drawn, and what was last reported of them. */
  private userKey = '';
  private userReport = '';
  private readonly onUserLayers: ((layers: UserLayerView[]) => void) | undefined;
  private nextRequest = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly map: MapLibreMap,
    features: readonly PlanFeature[],
    callbacks: PlanOverlayCallbacks,
    options: PlanOverlayOptions
  ) {
    this.features = features;
    this.data = planData(features);
    this.onUserLayers = callbacks.onUserLayers;
    this.placement = { fillsBefore: OUTLINE_LAYER, linesBefore: options.labelsLayer };
    map.addSource(OUTLINE_SOURCE, { type: 'geojson', data: outlineData(features), promoteId: 'id' });
    map.addLayer(outlineLayer(this.state.scale), options.labelsLayer);
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      // A flat map needs no depth: the overlay's defaults write it, and MapLibre's label layers, drawn
      // after the plan, test against it (read-only depth), which could cut glyphs where a line passed.
      parameters: { depthWriteEnabled: false, depthCompare: 'always' },
      layers: [],
      pickingRadius: PICKING_RADIUS,
      onHover: (info: PickingInfo<{ id: string }>) =>
        callbacks.onHover(info.object?.id ?? null, info.x, info.y),
      onAfterRender: () => {
        if (this.drawn) callbacks.onDrawn();
      },
      getCursor: ({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')
    });
    map.addControl(this.overlay);

    // No picking while the camera moves: a picking pass redraws every pickable layer into an offscreen
    // buffer, which during a pan or a flight costs a frame for an answer nobody reads. Picking resumes
    // when the camera stops, so hover and click work on the map at rest.
    const pause = () => this.overlay.setProps({ _pickable: false });
    const resume = () => this.overlay.setProps({ _pickable: true });
    // A click picks once, where it happened, when MapLibre reports it (MapLibre tells a click from the end
    // of a drag). deck.gl's own click handling answers from a pick made on pointer down, which in
    // interleaved mode was seen to come back empty when no frame was drawn between press and release.
    const click = (event: MapMouseEvent) => {
      const info = this.overlay.pickObject({ x: event.point.x, y: event.point.y, radius: PICKING_RADIUS });
      callbacks.onSelect((info?.object as { id?: string } | undefined)?.id ?? null);
    };
    // The overlay places its layers among MapLibre's only while `isStyleLoaded()` holds, which it does not
    // while any source is loading (the outlines' own, just added, for one). Until then deck.gl draws them
    // above everything, labels included; so whenever the map settles, place any that are not placed yet.
    const place = () => {
      if (this.layers.some((layer) => !map.getLayer(groupId(layer.props as { beforeId?: string }))))
        this.overlay.setProps({ layers: this.layers });
    };
    // A user layer draws the level of detail for the zoom and the blocks in view: redraw when they change.
    const move = () => {
      if (this.userLayers.length > 0 && this.userLayersKey() !== this.userKey) this.render();
    };
    map.on('movestart', pause);
    map.on('moveend', resume);
    map.on('click', click);
    map.on('idle', place);
    map.on('move', move);
    this.cleanups.push(() => {
      map.off('move', move);
      map.off('movestart', pause);
      map.off('moveend', resume);
      map.off('click', click);
      map.off('idle', place);
    });
  }

  /** Redraws for the given hover, selection and scale; the layers' data keep their identity. */
  update(state: InteractionState): void {
    const previous = this.state;
    this.state = state;
    this.setOutlineState(previous.hoveredId, 'hover', false);
    this.setOutlineState(previous.selectedId, 'selected', false);
    this.setOutlineState(state.hoveredId, 'hover', true);
    this.setOutlineState(state.selectedId, 'selected', true);
    if (previous.scale !== state.scale)
      this.map.setPaintProperty(OUTLINE_LAYER, 'line-width', outlineWidth(state.scale));
    this.render();
  }

  private setOutlineState(id: string | null, key: 'hover' | 'selected', value: boolean): void {
    if (id && this.map.getSource(OUTLINE_SOURCE))
      this.map.setFeatureState({ source: OUTLINE_SOURCE, id }, { [key]: value });
  }

  private viewport(): Viewport {
    const b = this.map.getBounds();
    return { zoom: this.map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
  }

  private userLayersKey(viewport = this.viewport()): string {
    const user = this.userModule;
    return user ? this.userLayers.map((layer) => user.userLayerKey(layer, viewport)).join('|') : '';
  }

  private render(): void {
    const { scale } = this.state;
    const viewport = this.viewport();
    this.userKey = this.userLayersKey(viewport);
    const user = this.userModule;
    const users = user
      ? this.userLayers.flatMap((layer) =>
          user.userLayers(layer, viewport, scale, this.placement.fillsBefore)
        )
      : [];
    if (user) {
      const views = this.userLayers
        .filter((layer) => !layer.ghost)
        .map((layer) => user.userLayerView(layer, viewport.zoom));
      const report = JSON.stringify(views);
      if (report !== this.userReport) {
        this.userReport = report;
        this.onUserLayers?.(views);
      }
    }
    this.layers = [...users, ...planLayers(this.data, this.state, this.placement)];
    this.overlay.setProps({ layers: this.layers });
    this.drawn = true;
  }

  /** Replaces the plan features drawn, e.g. when the layer or status filters change. */
  setFeatures(features: readonly PlanFeature[]): void {
    if (features === this.features) return;
    this.features = features;
    this.data = planData(features);
    this.map.getSource<GeoJSONSource>(OUTLINE_SOURCE)?.setData(outlineData(features));
    // Feature state survives setData for ids still present; re-apply in case the feature came back.
    this.update(this.state);
  }

  /**
   * Adds or replaces a layer of the user's own data, prepared off the main thread, drawn under the plan;
   * resolves with its legend when it is styled by a property. `display` is a colour or the whole display.
   */
  async setUserLayer(
    id: string,
    data: GeoJSON.FeatureCollection,
    display: string | UserLayerDisplay
  ): Promise<LegendEntry[] | null> {
    const d = typeof display === 'string' ? { colour: display } : display;
    // The code that draws users' layers loads with the first one: most visits never add one.
    const [answer, user] = await Promise.all([
      this.ask(id, { type: 'build', key: id, data, style: d.style }),
      import('./user-layers')
    ]);
    if (!answer) return null;
    this.userModule = user;
    const layer = user.userLayer(id, answer.lod!, hexToRgba(d.colour), {
      colours: answer.colours ?? null,
      opacity: d.opacity ?? 1,
      visible: d.visible ?? true,
      ghost: d.ghost ?? false
    });
    const at = this.userLayers.findIndex((l) => l.id === id);
    this.userLayers =
      at >= 0 ? this.userLayers.map((l, i) => (i === at ? layer : l)) : [...this.userLayers, layer];
    this.render();
    return answer.legend ?? null;
  }

  /** Restyles a layer already added (colours per feature worked out in the worker); resolves with its legend. */
  async styleUserLayer(id: string, colour: string, style: LayerStyle): Promise<LegendEntry[] | null> {
    if (!this.userLayers.some((l) => l.id === id)) return null;
    const answer = await this.ask(id, { type: 'style', key: id, style });
    const layer = this.userLayers.find((l) => l.id === id);
    if (!answer || !layer) return null;
    layer.color = hexToRgba(colour);
    layer.colours = answer.colours ?? null;
    // New colours: deck.gl must get new data objects to rebuild the blocks' attributes.
    layer.blocks.clear();
    this.render();
    return answer.legend ?? null;
  }

  /** Changes a layer's opacity or visibility. */
  setUserLayerDisplay(id: string, display: { opacity?: number; visible?: boolean }): void {
    const layer = this.userLayers.find((l) => l.id === id);
    if (!layer) return;
    if (display.opacity !== undefined) layer.opacity = display.opacity;
    if (display.visible !== undefined) layer.visible = display.visible;
    this.render();
  }

  /** Draws the user's layers in this order, first at the bottom; layers not named keep their place on top. */
  orderUserLayers(ids: readonly string[]): void {
    const rank = new Map(ids.map((id, i) => [id, i]));
    this.userLayers = [...this.userLayers].sort(
      (a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length)
    );
    this.render();
  }

  removeUserLayer(id: string): void {
    this.userLayers = this.userLayers.filter((l) => l.id !== id);
    this.latest.delete(id);
    this.worker?.postMessage({ type: 'drop', id: -1, key: id } satisfies UserDataRequest);
    this.render();
  }

  /** Shows `[west, south, east, north]` (a user layer's extent). */
  fitBounds([w, s, e, n]: readonly [number, number, number, number]): void {
    this.map.fitBounds([w, s, e, n], { padding: 48, maxZoom: 16, duration: 600 });
  }

  /** The user layers as drawn, bottom first (for tests and scripts). */
  userLayerStates(): UserLayerState[] {
    return this.userLayers.map((layer) => {
      const full = layer.lod.levels[layer.lod.levels.length - 1];
      const points: [number, number][] = [];
      for (let i = 0; full && i < full.points.length && points.length < 1000; i += 2)
        points.push([full.points[i]!, full.points[i + 1]!]);
      return {
        id: layer.id,
        visible: layer.visible,
        opacity: layer.opacity,
        ghost: layer.ghost,
        coloured: layer.colours !== null,
        points
      };
    });
  }

  /** Sends a request to the user-data worker; null when a newer request for the same layer overtook it. */
  private ask(
    key: string,
    request: DistributiveOmit<UserDataRequest, 'id'>
  ): Promise<UserDataResponse | null> {
    if (!this.worker) {
      this.worker = new Worker(new URL('./user-data.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<UserDataResponse>) => {
        const pending = this.requests.get(event.data.id);
        this.requests.delete(event.data.id);
        if (event.data.error === undefined) pending?.resolve(event.data);
        else pending?.reject(new Error(event.data.error || 'the user layer could not be read'));
      };
    }
    const id = this.nextRequest++;
    this.latest.set(key, id);
    const worker = this.worker;
    return new Promise<UserDataResponse>((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as UserDataRequest);
    }).then((answer) => (this.latest.get(key) === id ? answer : null));
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.worker?.terminate();
    this.map.removeControl(this.overlay);
    if (this.map.getLayer(OUTLINE_LAYER)) this.map.removeLayer(OUTLINE_LAYER);
    if (this.map.getSource(OUTLINE_SOURCE)) this.map.removeSource(OUTLINE_SOURCE);
  }
}
