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
import { FlatScatterplotLayer, FlatSolidPolygonLayer } from './flat-layers';
import type { Layer, MapViewState, PickingInfo } from '@deck.gl/core';
import type { GeoJSONSource, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import {
  before,
  planData,
  planLayers,
  type InteractionState,
  type PlanData,
  type Placement
} from './plan-layers';
import { DashedPathLayer } from './dashed-path-layer';
import {
  OUTLINE_LAYER,
  OUTLINE_SOURCE,
  outlineData,
  outlineFade,
  outlineLayer,
  outlineWidth
} from './plan-outlines';
import { OUTLINE_FADE } from './symbology-scale';
import {
  UNCERTAINTY_LAYER,
  UNCERTAINTY_SOURCE,
  uncertaintySource,
  uncertaintyData,
  uncertaintyLayer
} from './plan-uncertainty';
import type { UserLayerView, Viewport } from './user-layers';
import type { UserLayerSet } from './user-layer-set';

export function groupId({ beforeId }: { beforeId?: string }): string {
  return beforeId ? `deck-maplibre-layer-group-before:${beforeId}` : 'deck-maplibre-layer-group-last';
}

/**
 * What this overlay reaches of the Deck instance inside MapLibreOverlay, which does not expose it: the
 * canvas size (syncCanvasSize), the layers built (layersBuilt) and the camera (syncCamera).
 */
interface DeckInternals {
  device?: { canvasContext?: { setDrawingBufferSize(width: number, height: number): void } };
  layerManager?: { needsUpdate(): string | false; getLayers(): { isLoaded: boolean }[] } | null;
  setProps(props: { viewState: MapViewState }): void;
}

/** MapLibre's camera as deck.gl's map view takes it (a flat map, one world copy or more). */
function cameraOf(map: MapLibreMap): MapViewState {
  const { lng, lat } = map.getCenter();
  const { top = 0, bottom = 0, left = 0, right = 0 } = map.getPadding();
  return {
    longitude: ((lng + 540) % 360) - 180,
    latitude: lat,
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
    padding: { top, bottom, left, right },
    repeat: map.getRenderWorldCopies()
  } as MapViewState;
}

/** How far from a feature, in CSS pixels, a pointer still hovers or clicks it. */
const PICKING_RADIUS = 6;
/** The plan's points and lines (deck.gl matches layer ids by their start). */
const PLAN = ['plan-lines', 'plan-point', 'metro-'];

export interface PlanOverlayCallbacks {
  /** Called with the hovered feature's id and the pointer's position in the map, or null. */
  onHover: (id: string | null, x: number, y: number) => void;
  /** Called with the clicked feature's id, or null; false when the click is not for selecting (drawing). */
  onSelect: (id: string | null) => boolean | void;
  /** Called once, after the first frame with every plan layer in it has been drawn. */
  onDrawn: () => void;
  /** Called with what the map shows of each user layer, whenever that changes (a layer, a zoom level). */
  onUserLayers?: (layers: UserLayerView[]) => void;
}

export interface PlanOverlayOptions {
  /** The basemap layer every plan layer is drawn beneath (its first label layer). */
  labelsLayer: string;
}

/**
 * One feature of each kind a user's layer draws (user-layers.ts), in the shape it draws them: binary
 * positions, one colour, pickable. Software WebGL builds what a layer's kind and the shape of its attributes
 * need at its first draw (SwiftShader: the first time it rasterises a pixel of it), a second or so that the
 * main thread waits for; drawn once when the map is idle (PlanOverlay.warm), these leave nothing to build
 * when a user's layer first comes. A few pixels at the map's centre, transparent.
 */
function warmLayers(map: MapLibreMap, beforeId: string): Layer[] {
  // A triangle (closed, as user-lod.ts gives rings) of about 2 pixels at the map's centre, one of its
  // sides and one of its corners (nothing else of their look changes what is built).
  const { lng, lat } = map.getCenter();
  const d = 360 / 2 ** (map.getZoom() + 7);
  const ring = new Float64Array([lng, lat, lng + d, lat, lng, lat + d, lng, lat]);
  const common = { ...before(beforeId), opacity: 0, pickable: true };
  const one = { length: 1, startIndices: new Uint32Array(1) };
  return [
    new FlatSolidPolygonLayer({
      id: 'warm-areas',
      ...common,
      data: { ...one, attributes: { getPolygon: { value: ring, size: 2 } } },
      _normalize: false
    }),
    new DashedPathLayer({
      id: 'warm-lines',
      ...common,
      data: { ...one, attributes: { getPath: { value: ring, size: 2 } } },
      widthUnits: 'pixels'
    }),
    new FlatScatterplotLayer({
      id: 'warm-points',
      ...common,
      data: { length: 1, attributes: { getPosition: { value: ring, size: 2 } } },
      radiusUnits: 'pixels'
    })
  ];
}

export class PlanOverlay {
  private readonly overlay: MapLibreOverlay;
  private readonly placement: Placement;
  private data: PlanData;
  private features: readonly PlanFeature[];
  private drawn = false;
  private firstDrawReported = false;
  /** The zoom the plan layers were last drawn for, to an eighth of a level. */
  private zoom = NaN;
  private layers: Layer[] = [];
  /** The user's own layers, once the first one has asked for their code. */
  private userSet: UserLayerSet | null = null;
  private userSetLoad: Promise<UserLayerSet> | null = null;
  private state: InteractionState = { hoveredId: null, selectedId: null, scale: 1 };
  private readonly onUserLayers: ((layers: UserLayerView[]) => void) | undefined;
  private readonly cleanups: (() => void)[] = [];
  /** The kind of a user's layer drawn once at idle in this frame (warm). */
  private warming: Layer[] = [];
  private warmStarted = false;
  private warmDone = () => {};
  /** Settles when every kind of a user's layer has been drawn once. */
  readonly warmed = new Promise<void>((resolve) => (this.warmDone = resolve));

  constructor(
    private readonly map: MapLibreMap,
    features: readonly PlanFeature[],
    callbacks: PlanOverlayCallbacks,
    options: PlanOverlayOptions
  ) {
    this.features = features;
    this.onUserLayers = callbacks.onUserLayers;
    this.placement = { fillsBefore: OUTLINE_LAYER, linesBefore: options.labelsLayer };
    // The overlay first: deck.gl gets its device asynchronously, in several steps that each wait for the
    // main thread, which the basemap keeps busy while it loads; they run while the rest is prepared.
    this.overlay = new MapLibreOverlay({
      interleaved: true,
      // A flat map needs no depth: the overlay's defaults write it, and MapLibre's label layers, drawn
      // after the plan, test against it (read-only depth), which could cut glyphs where a line passed.
      parameters: { depthWriteEnabled: false, depthCompare: 'always' },
      layers: [],
      pickingRadius: PICKING_RADIUS,
      onHover: (info: PickingInfo<{ id: string }>) => {
        const id = info.layer?.id;
        const hit =
          this.userSet && id && !PLAN.some((p) => id.startsWith(p))
            ? (this.pickAt(info.x, info.y) ?? info)
            : info;
        callbacks.onHover(hit.object?.id ?? null, info.x, info.y);
        this.userSet?.pointer('hover', hit.layer?.id, hit.index, info.x, info.y);
      },
      // Only the first frame with the plan in it matters; after it, frames pass without a check.
      onAfterRender: () => {
        if (this.firstDrawReported || !this.drawn || !this.placed() || !this.layersBuilt()) return;
        this.firstDrawReported = true;
        this.syncCamera();
        callbacks.onDrawn();
      },
      getCursor: ({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')
    });
    map.addControl(this.overlay);

    this.data = planData(features);
    map.addSource(OUTLINE_SOURCE, { type: 'geojson', data: outlineData(features), promoteId: 'id' });
    map.addLayer(outlineLayer(this.state.scale), options.labelsLayer);
    // Above the outlines, beneath the plan's lines and points (deck.gl's group goes right before the labels).
    map.addSource(UNCERTAINTY_SOURCE, uncertaintySource(features));
    map.addLayer(uncertaintyLayer(), options.labelsLayer);

    // No picking while the camera moves: a picking pass redraws every pickable layer into an offscreen
    // buffer, which during a pan or a flight costs a frame for an answer nobody reads. Picking resumes
    // when the camera stops, so hover and click work on the map at rest.
    const pause = () => this.overlay.setProps({ _pickable: false });
    const resume = () => this.overlay.setProps({ _pickable: true });
    // A click picks once, where it happened, when MapLibre reports it (MapLibre tells a click from the end
    // of a drag). deck.gl's own click handling answers from a pick made on pointer down, which in
    // interleaved mode was seen to come back empty when no frame was drawn between press and release.
    const click = ({ point: { x, y } }: MapMouseEvent) => {
      const info = this.pickAt(x, y);
      if (callbacks.onSelect((info?.object as { id?: string } | undefined)?.id ?? null) !== false)
        this.userSet?.pointer('click', info?.layer?.id, info?.index ?? -1, x, y);
    };
    // Should a placement still have failed (setLayers), place what is missing whenever the map settles.
    // The first time it settles with the plan drawn, the kinds of a user's layer are drawn once (warm).
    const place = () => {
      if (!this.placed()) this.setLayers();
      if (this.drawn && !this.warmStarted) void this.warm();
    };
    // A user layer draws the level of detail for the zoom and the blocks in view: redraw when they change.
    // The plan's sketched lines fade as their corridors (plan-uncertainty.ts) widen: redraw at each eighth
    // of a zoom level.
    const move = () => {
      const zoom = Math.round(map.getZoom() * 8) / 8;
      if (this.userSet?.moved(this.viewport()) || zoom !== this.zoom) this.render();
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

  /**
   * Once the plan is drawn and the map idle: draws one kind of a user's layer (warmLayers) in a frame of
   * its own at each idle, so that what it needs is built while nothing else waits (one kind a frame, not
   * all three in one), and not when a user's layer is first drawn; then a frame without them. The map has
   * gone idle before this starts, so its first idle is not delayed.
   */
  private async warm(): Promise<void> {
    this.warmStarted = true;
    await new Promise((resolve) => setTimeout(resolve));
    // Each kind, then none (the last dropped).
    for (const layer of [...warmLayers(this.map, this.placement.fillsBefore), null]) {
      this.warming = layer ? [layer] : [];
      this.render();
      await this.map.once('idle');
    }
    this.warmDone();
  }

  /** Redraws for the given hover, selection and scale; the layers' data keep their identity. */
  update(state: InteractionState): void {
    const previous = this.state;
    this.state = state;
    this.setOutlineState(previous.hoveredId, 'hover', false);
    this.setOutlineState(previous.selectedId, 'selected', false);
    this.setOutlineState(state.hoveredId, 'hover', true);
    this.setOutlineState(state.selectedId, 'selected', true);
    if (previous.scale !== state.scale) {
      this.map.setPaintProperty(OUTLINE_LAYER, 'line-width', outlineWidth(state.scale));
      this.map.setPaintProperty(OUTLINE_LAYER, 'line-blur', outlineFade(OUTLINE_FADE.blur, state.scale));
    }
    this.render();
  }

  /**
   * What is under the pointer. With the user's layers drawn: the plan's points and lines first, then the
   * user's features, then the plan's areas (UserLayerSet.pointer says why); deck.gl alone would answer
   * with whatever is drawn nearest the pointer, and the plan's areas are drawn over the user's layers.
   */
  private pickAt(x: number, y: number) {
    const pick = (layerIds?: string[]) => this.overlay.pickObject({ x, y, radius: PICKING_RADIUS, layerIds });
    return this.userSet ? (pick(PLAN) ?? pick(['user-']) ?? pick(['plan-areas'])) : pick();
  }

  private setOutlineState(id: string | null, key: 'hover' | 'selected', value: boolean): void {
    if (id && this.map.getSource(OUTLINE_SOURCE))
      this.map.setFeatureState({ source: OUTLINE_SOURCE, id }, { [key]: value });
  }

  private viewport(): Viewport {
    const b = this.map.getBounds();
    return { zoom: this.map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
  }

  private render(): void {
    const users =
      this.userSet?.deckLayers(this.viewport(), this.state.scale, this.placement.fillsBefore) ?? [];
    this.zoom = Math.round(this.map.getZoom() * 8) / 8;
    this.layers = [
      ...this.warming,
      ...users,
      ...planLayers(this.data, this.state, this.placement, this.zoom)
    ];
    this.setLayers();
    this.drawn = true;
  }

  /**
   * Whether deck.gl has built every layer it was given. deck.gl reports a frame after every MapLibre
   * frame, also while it is still starting (its device comes asynchronously) or before it has built the
   * layers just set, when that frame drew none of them: only a frame after this holds has drawn them.
   */
  private layersBuilt(): boolean {
    const manager = this.deck()?.layerManager;
    if (!manager || manager.needsUpdate()) return false;
    const built = manager.getLayers();
    return built.length >= this.layers.length && built.every((layer) => layer.isLoaded);
  }

  private deck(): DeckInternals | undefined {
    return (this.overlay as unknown as { _deck?: DeckInternals })._deck;
  }

  /**
   * deck.gl draws with MapLibre's camera of the moment, but picks with the camera it was last told of:
   * MapLibreOverlay tells it at every move once deck.gl has started, and at its creation. A camera moved
   * while deck.gl was starting (a link's view, a pan during loading) would leave hover and click
   * answering for the old view until the next move; tell it once, when its layers are first drawn.
   */
  private syncCamera(): void {
    this.deck()?.setProps({ viewState: cameraOf(this.map) });
  }

  /** Whether every layer's group is in MapLibre's style, where it is drawn. */
  private placed(): boolean {
    return this.layers.every((layer) => this.map.getLayer(groupId(layer.props as { beforeId?: string })));
  }

  /**
   * deck.gl puts its layers' groups into MapLibre's style only while `map.isStyleLoaded()` holds, and
   * MapLibre denies that while any tile or source is loading. On a first visit the plan would then wait
   * for the whole basemap, and its programs would be built after it, one long frame after everything
   * else. Adding a layer needs only the style document (MapLibre's `addLayer` checks nothing more), and
   * this overlay exists only once that has loaded and is never replaced; so the groups are placed with
   * the check answered for the document alone, while the basemap is still loading.
   */
  private setLayers(): void {
    const map = this.map as MapLibreMap & { isStyleLoaded: () => boolean };
    map.isStyleLoaded = () => true;
    try {
      this.overlay.setProps({ layers: this.layers });
    } finally {
      delete (map as Partial<typeof map>).isStyleLoaded;
    }
  }

  /**
   * After `map.setPixelRatio` (the view exported at 2× or 4×): deck.gl draws in MapLibre's context but keeps
   * its own record of the canvas size, which MapLibre's resize does not update; without this its layers are
   * drawn into a corner of the larger canvas at the old size.
   */
  syncCanvasSize(): void {
    const canvas = this.map.getCanvas();
    this.deck()?.device?.canvasContext?.setDrawingBufferSize(canvas.width, canvas.height);
  }

  /** Replaces the plan features drawn, e.g. when the layer or status filters change. */
  setFeatures(features: readonly PlanFeature[]): void {
    if (features === this.features) return;
    this.features = features;
    this.data = planData(features);
    this.map.getSource<GeoJSONSource>(OUTLINE_SOURCE)?.setData(outlineData(features));
    this.map.getSource<GeoJSONSource>(UNCERTAINTY_SOURCE)?.setData(uncertaintyData(features));
    // Feature state survives setData for ids still present; re-apply in case the feature came back.
    this.update(this.state);
  }

  /**
   * The user's own layers drawn under the plan: their code, and the worker that prepares them, load when
   * first asked for (most visits never add one).
   */
  userLayerSet(): Promise<UserLayerSet> {
    return (this.userSetLoad ??= import('./user-layer-set').then(
      ({ UserLayerSet }) =>
        (this.userSet = new UserLayerSet(this.map, () => this.render(), this.onUserLayers))
    ));
  }

  /**
   * A small scripting surface for planners (from the console) and for the benchmark's synthetic layer;
   * `addUserData` settles once the layer is prepared (off the main thread) and handed over.
   */
  surface(): NonNullable<Window['qingdaoPlanMap']> {
    return {
      map: this.map,
      addUserData: async (id, data, colour = '#7b2cbf') => {
        await (await this.userLayerSet()).set(id, data, colour);
      },
      removeUserData: (id) => void this.userLayerSet().then((set) => set.remove(id)),
      warmed: this.warmed,
      userLayerSet: () => this.userLayerSet()
    };
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.userSet?.destroy();
    this.map.removeControl(this.overlay);
    if (this.map.getLayer(OUTLINE_LAYER)) this.map.removeLayer(OUTLINE_LAYER);
    if (this.map.getLayer(UNCERTAINTY_LAYER)) this.map.removeLayer(UNCERTAINTY_LAYER);
    if (this.map.getSource(UNCERTAINTY_SOURCE)) this.map.removeSource(UNCERTAINTY_SOURCE);
    if (this.map.getSource(OUTLINE_SOURCE)) this.map.removeSource(OUTLINE_SOURCE);
  }
}
