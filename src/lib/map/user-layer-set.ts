/**
 * The user's own layers as the plan overlay (plan-overlay.ts) draws them, beneath the plan: each prepared
 * off the main thread (user-data.worker.ts: levels of detail, and colours per feature for a style by
 * property, as binary arrays), with its opacity, visibility and place in the order. Loaded with the first
 * user layer.
 */
import type { Layer } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerStyle, LegendEntry } from '$lib/user/style';
import type { UserDataRequest, UserDataResponse, UserFeature } from './user-data-protocol';
import {
  userLayer,
  userPick,
  type UserPick,
  userLayerKey,
  userLayers,
  userLayerView,
  type UserLayer,
  type UserLayerView,
  type Viewport
} from './user-layers';
import { hexToRgba } from './symbology';

/** Features per message to the worker. */
const PART = 2_000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

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

/** The pointer over, or a click on, a user's feature (`pick` null: over none, or a click elsewhere). */
export interface UserPointer {
  kind: 'hover' | 'click';
  pick: UserPick | null;
  /** Where, in CSS pixels from the map's top left corner. */
  x: number;
  y: number;
}

/** The id @deck.gl/maplibre gives the MapLibre custom layer drawing the deck.gl layers placed before `beforeId`. */
export class UserLayerSet {
  private layers: UserLayer[] = [];
  private worker: Worker | null = null;
  private requests = new Map<
    number,
    { resolve: (d: UserDataResponse) => void; reject: (e: Error) => void }
  >();
  /** The latest request per user layer: an answer to an older one is dropped. */
  private latest = new Map<string, number>();
  private nextRequest = 0;
  /** The levels and blocks last drawn, and what was last reported of them. */
  private key = '';
  private report = '';
  /** Told of hovers and clicks on the user's features (the page's tooltip and panel). */
  onPointer: ((event: UserPointer) => void) | null = null;
  private hovered = '';

  constructor(
    private readonly map: MapLibreMap,
    /** Asks the overlay to draw again. */
    private readonly changed: () => void,
    private readonly onViews?: (views: UserLayerView[]) => void
  ) {}

  private keyFor(viewport: Viewport): string {
    return this.layers.map((layer) => userLayerKey(layer, viewport)).join('|');
  }

  /** Whether the camera's move changed the levels or blocks to draw. */
  moved(viewport: Viewport): boolean {
    return this.layers.length > 0 && this.keyFor(viewport) !== this.key;
  }

  /** The deck.gl layers for a viewport, bottom first; reports what each layer shows when that changes. */
  deckLayers(viewport: Viewport, scale: number, beforeId: string): Layer[] {
    this.key = this.keyFor(viewport);
    const views = this.layers
      .filter((layer) => !layer.ghost)
      .map((layer) => userLayerView(layer, viewport.zoom));
    const report = JSON.stringify(views);
    if (report !== this.report) {
      this.report = report;
      this.onViews?.(views);
    }
    return this.layers.flatMap((layer) => userLayers(layer, viewport, scale, beforeId));
  }

  /**
   * Adds or replaces a layer of the user's own data, prepared off the main thread, drawn under the plan;
   * resolves with its legend when it is styled by a property. `display` is a colour or the whole display.
   */
  async set(
    id: string,
    data: GeoJSON.FeatureCollection,
    display: string | UserLayerDisplay
  ): Promise<LegendEntry[] | null> {
    const d = typeof display === 'string' ? { colour: display } : display;
    // A message's structured clone is written on this thread when it is posted: a large layer goes in
    // parts, one task each, so that no task holds the page for long.
    let sent = data;
    let parts: string | undefined;
    if (data.features.length > PART) {
      // Parts of this call only: another call for the same layer may be sending its own.
      parts = `${id}#${this.nextRequest++}`;
      for (let at = 0; at < data.features.length; at += PART) {
        this.post({ type: 'part', id: -1, key: parts, features: data.features.slice(at, at + PART) });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      sent = { ...data, features: [] };
    }
    const answer = await this.ask(id, { type: 'build', key: id, data: sent, parts, style: d.style });
    if (!answer) return null;
    const layer = userLayer(id, answer.lod!, hexToRgba(d.colour), {
      colours: answer.colours ?? null,
      opacity: d.opacity ?? 1,
      visible: d.visible ?? true,
      ghost: d.ghost ?? false
    });
    const at = this.layers.findIndex((l) => l.id === id);
    this.layers = at >= 0 ? this.layers.map((l, i) => (i === at ? layer : l)) : [...this.layers, layer];
    this.changed();
    return answer.legend ?? null;
  }

  /** Restyles a layer already added (colours per feature worked out in the worker); resolves with its legend. */
  async style(id: string, colour: string, style: LayerStyle): Promise<LegendEntry[] | null> {
    if (!this.layers.some((l) => l.id === id)) return null;
    const answer = await this.ask(id, { type: 'style', key: id, style });
    const layer = this.layers.find((l) => l.id === id);
    if (!answer || !layer) return null;
    layer.color = hexToRgba(colour);
    layer.colours = answer.colours ?? null;
    // New colours: deck.gl must get new data objects to rebuild the blocks' attributes.
    layer.blocks.clear();
    this.changed();
    return answer.legend ?? null;
  }

  /** Changes a layer's opacity or visibility. */
  display(id: string, display: { opacity?: number; visible?: boolean }): void {
    const layer = this.layers.find((l) => l.id === id);
    if (!layer) return;
    if (display.opacity !== undefined) layer.opacity = display.opacity;
    if (display.visible !== undefined) layer.visible = display.visible;
    this.changed();
  }

  /** Draws the user's layers in this order, first at the bottom; layers not named keep their place on top. */
  order(ids: readonly string[]): void {
    const rank = new Map(ids.map((id, i) => [id, i]));
    this.layers = [...this.layers].sort(
      (a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length)
    );
    this.changed();
  }

  remove(id: string): void {
    this.layers = this.layers.filter((l) => l.id !== id);
    this.latest.delete(id);
    this.worker?.postMessage({ type: 'drop', id: -1, key: id } satisfies UserDataRequest);
    this.changed();
  }

  /** Shows `[west, south, east, north]` (a user layer's extent). */
  fitBounds([w, s, e, n]: readonly [number, number, number, number]): void {
    this.map.fitBounds([w, s, e, n], { padding: 48, maxZoom: 16, duration: 600 });
  }

  /**
   * What the plan overlay picked under the pointer (a deck.gl layer id and an index): a part of a user's
   * layer, or anything else (then `pick` is null).
   *
   * Where both are within reach, the plan's points and lines win over the user's features, and the user's
   * features over the plan's areas (PlanOverlay.pickAt). The map is about the plan: a large user layer
   * (200,000 points covers every street) must not make a station or a line impossible to reach, and the
   * user can hide a layer to reach what lies under it. But the plan's areas are large (one covers most of
   * the countryside): if they won, a user's feature inside one could never be hovered, while the area
   * itself is still reached anywhere the user's features are not.
   */
  pointer(kind: UserPointer['kind'], deckId: string | undefined, index: number, x: number, y: number): void {
    const pick = userPick(this.layers, deckId, index);
    if (kind === 'hover') {
      const key = pick ? JSON.stringify(pick) : '';
      if (key === this.hovered && !pick) return;
      this.hovered = key;
    }
    this.onPointer?.({ kind, pick, x, y });
  }

  /** The feature a picked part belongs to, with its properties, read from the worker that holds them. */
  async feature(pick: UserPick): Promise<UserFeature | null> {
    const { layer, level, family, index } = pick;
    // Never overtaken: the hover and the click ask at once, and each wants its answer.
    const answer = await this.ask(null, {
      type: 'feature',
      key: layer,
      level,
      family,
      index
    }).catch(() => null);
    return answer?.feature ?? null;
  }

  /** The user layers as drawn, bottom first (for tests and scripts). */
  states(): UserLayerState[] {
    return this.layers.map((layer) => {
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

  /**
   * Sends a request to the user-data worker; null when a newer request for the same layer (`key`) overtook
   * it.
   */
  private post(request: UserDataRequest): void {
    this.worker ??= this.start();
    this.worker.postMessage(request);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./user-data.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<UserDataResponse>) => {
      const pending = this.requests.get(event.data.id);
      this.requests.delete(event.data.id);
      if (event.data.error === undefined) pending?.resolve(event.data);
      else pending?.reject(new Error(event.data.error || 'the user layer could not be read'));
    };
    return worker;
  }

  private ask(
    key: string | null,
    request: DistributiveOmit<UserDataRequest, 'id'>
  ): Promise<UserDataResponse | null> {
    this.worker ??= this.start();
    const id = this.nextRequest++;
    if (key !== null) this.latest.set(key, id);
    const worker = this.worker;
    return new Promise<UserDataResponse>((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as UserDataRequest);
    }).then((answer) => (key === null || this.latest.get(key) === id ? answer : null));
  }

  destroy(): void {
    this.worker?.terminate();
  }
}
