/**
 * The map page's state in one place: selection, hover, the feature to bring into view, filters, the
 * notice about a link to an unknown feature, the language, and their round trip through the URL hash;
 * the basemap chosen and the Tianditu key, which the browser remembers rather than the link.
 * The page and the map read and change it here instead of each keeping effects of their own.
 */
import type { MapHandle } from '$lib/export/view-image';
import { notify } from '$lib/errors/catch';
import type { PlanFeature } from '$lib/plan/schema';
import type { FeatureFilter } from '$lib/plan/feature-filter';
import { language } from '$lib/i18n/lang.svelte';
import type { Lang } from '$lib/i18n/lang';
import {
  DEFAULT_RADIUS_KM,
  clampRadiusKm,
  mapParam,
  readLink,
  writeHashState,
  type LinkIssue
} from './url-state';
import { normaliseKey, type BasemapId, type StreetProviderId } from '$lib/map/basemap-ids';
import type { StreetFailure, StreetOptions } from '$lib/map/basemaps';
import { DEPLOYER_TIANDITU_KEY } from '$lib/map/deployer-key';
import {
  browserStorage,
  readBasemapPrefs,
  writeBasemapChoice,
  writeUserKey,
  type StoragePort
} from './basemap-prefs';
import type { UserLayerView } from '$lib/map/user-layers';
import type { PlanOverlay } from '$lib/map/plan-overlay';
import { geometryBounds, type Bounds } from '$lib/geo/bounds';

/**
 * A request to bring a feature into view. Each request is a new object with its own sequence number, so
 * asking for the same feature twice is two requests and the map answers both.
 */
export interface FocusRequest {
  readonly feature: PlanFeature;
  readonly seq: number;
}

/** Near-me: where from, and how far. */
export interface NearState {
  readonly origin: readonly [number, number];
  readonly radiusKm: number;
}

/** A request to bring the near-me circle into view; a new object (and number) each time, as FocusRequest. */
export interface NearFitRequest {
  readonly seq: number;
}

export interface HoverState {
  id: string;
  x: number;
  y: number;
  /** Where the hover comes from: the pointer on the map (which shows a tooltip there) or the list twin. */
  from: 'map' | 'list';
}

/** Why there is no map: no WebGL 2 in this browser, or MapLibre could not create its context. */
export type MapUnavailable = 'no-webgl2' | 'context-failed';

/** Where the state reads and writes the URL hash; the browser's location by default. */
export interface HashPort {
  read(): string;
  write(hash: string): void;
}

const browserHash: HashPort = {
  read: () => location.hash,
  // Keep SvelteKit's history state; only the hash changes.
  write: (hash) => history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`)
};

export class MapState {
  selectedId = $state<string | null>(null);
  hover = $state<HoverState | null>(null);
  focus = $state<FocusRequest | null>(null);
  filter = $state<FeatureFilter>({ layers: null, statuses: null, chapter: null });
  /** True once the map has drawn its first frame: what is not the map waits for it. */
  mapDrawn = $state(false);
  /** The id of a link's feature that does not exist, or null. */
  missing = $state<string | null>(null);
  /** The parts of the last link read that were ignored or brought into range; shown until dismissed. */
  linkIssues = $state<readonly LinkIssue[]>([]);
  /** The near-me origin and radius, or null while near-me has no origin. */
  near = $state<NearState | null>(null);
  /** Whether the near-me panel is open (it may be, before an origin is chosen). */
  nearOpen = $state(false);
  nearFit = $state<NearFitRequest | null>(null);
  /** The basemap chosen: the embedded one, or a street basemap drawn over it. */
  basemap = $state<BasemapId>('embedded');
  /** A Tianditu key the user typed; it takes the place of the deployer's. */
  userKey = $state<string | null>(null);
  /** Why the street basemap was given up, shown until dismissed or another basemap is chosen. */
  basemapNotice = $state<StreetFailure | null>(null);
  /** The tile base override (tests, a local mirror), read once from storage. */
  private readonly tileBase: string | null = null;
  /** The user's own layers on the map, and how many of each one's features it draws at this zoom. */
  userLayers = $state<UserLayerView[]>([]);
  /** The plan overlay once it is up (the user's layers are drawn on it). */
  overlay = $state.raw<PlanOverlay | null>(null);
  /** The map's view as `[west, south, east, north]`, updated when the camera stops; null with no map. */
  viewBounds = $state.raw<Bounds | null>(null);
  /** Why the map could not be drawn, or null while it can: the page then shows the list and a notice. */
  mapUnavailable = $state<MapUnavailable | null>(null);
  /** Whether the list twin of the map is open (it always is when there is no map). */
  listOpen = $state(false);
  /** The map shown alone (`clean=1` in the link): no header, panels or buttons but a way back. */
  clean = $state(false);
  /** The drawn map and its overlay, for exporting the view (not reactive: read when asked). */
  mapHandle: MapHandle | null = null;
  /** True while a shape is being drawn on the map: a click then adds a corner and selects nothing. */
  drawing = false;
  /** The MapLibre map once created, for tools loaded later (drawing, measuring); not reactive. */
  maplibre: import('maplibre-gl').Map | null = null;
  private seq = 0;

  constructor(
    private readonly lookup: (id: string) => PlanFeature | undefined,
    private readonly hash: HashPort = browserHash,
    private readonly storage: StoragePort | null = browserStorage(),
    /** The key supplied at build time, or null. */
    readonly deployerKey: string | null = DEPLOYER_TIANDITU_KEY
  ) {
    // Stored settings that cannot be read are set aside, with a notice (src/lib/errors).
    const prefs = readBasemapPrefs(storage, (keys) => notify({ kind: 'storage', keys }));
    this.basemap = prefs.basemap;
    this.userKey = prefs.userKey;
    this.tileBase = prefs.tileBase;
  }

  /** The Tianditu key in use: the user's, else the deployer's, else null. */
  get tiandituKey(): string | null {
    return this.userKey ?? this.deployerKey;
  }

  /**
   * The street basemap asked for, with its key and tile base, or null for the embedded one alone. The map
   * turns it into tile URLs (basemaps.ts `streetBasemap`, which may still say no: Tianditu without a key)
   * once it has loaded the providers, which a first visit does not.
   */
  readonly streetRequest: (StreetOptions & { id: StreetProviderId }) | null = $derived(
    this.basemap === 'embedded' ? null : { id: this.basemap, key: this.tiandituKey, tileBase: this.tileBase }
  );

  get lang(): Lang {
    return language.current;
  }

  set lang(lang: Lang) {
    language.current = lang;
  }

  /**
   * Applies the state named in the URL; an unknown feature id is reported, not silently dropped. `hash` is
   * the URL as it arrived: by the time SvelteKit reports a navigation, MapLibre may already have written
   * its starting view into the address bar, which must not count as a view in the link.
   */
  readFromUrl(hash = this.hash.read()): void {
    const link = readLink(hash);
    const state = link.state;
    this.linkIssues = link.issues;
    this.tidyUrl(false);
    this.filter = { layers: state.layers, statuses: state.statuses, chapter: state.chapter };
    this.clean = state.clean;
    const had = this.near !== null;
    this.near = state.near
      ? { origin: state.near, radiusKm: clampRadiusKm(state.radiusKm ?? DEFAULT_RADIUS_KM) }
      : null;
    // A link without near-me closes what another link opened; a panel still waiting for an origin stays.
    if (had && !this.near) this.nearOpen = false;
    if (this.near) {
      this.nearOpen = true;
      // As with a selection: a link without a view shows the whole circle.
      if (!link.view) this.nearFit = { seq: ++this.seq };
    }
    const id = state.selected;
    if (id && !this.lookup(id)) {
      this.missing = id;
      this.select(null);
      return;
    }
    this.selectedId = id;
    // A selection that arrives without a view (a search result, a "show on map" link) is brought into
    // view; a link that carries its own view keeps it exactly.
    if (id && !link.view) this.requestFocus(id);
  }

  /**
   * Replaces the link in the address bar with what of it can be used, written in full (a view out of range
   * brought into it, garbage left out), and notes what was left out. The page calls this before the map
   * reads its view from the address bar, and on every change of the hash before the map sees it. With
   * `view` false the map's view is left as it stands and nothing is noted: once the map has started, the
   * view in the address bar is the one it wrote (for a moment its unfitted start, `7.5/0/0`).
   */
  tidyUrl(view = true): void {
    const current = this.hash.read();
    const link = readLink(current);
    // A link with nothing to drop is left exactly as it is, in its own order.
    if (!link.issues.some((issue) => view || issue.field !== 'map')) return;
    if (view) {
      this.linkIssues = link.issues;
      this.hash.write(link.hash);
    } else {
      const mapText = mapParam(current);
      this.hash.write(writeHashState(mapText === null ? '' : `map=${mapText}`, link.state));
    }
  }

  dismissLinkNotice(): void {
    this.linkIssues = [];
  }

  private writeToUrl(): void {
    this.hash.write(
      writeHashState(this.hash.read(), {
        selected: this.selectedId,
        ...this.filter,
        near: this.near?.origin ?? null,
        radiusKm: this.near?.radiusKm ?? null,
        clean: this.clean
      })
    );
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) this.missing = null;
    this.writeToUrl();
  }

  /** Selects a feature and brings it into view: for lists outside the map (layers, lines under construction). */
  show(id: string): void {
    this.select(id);
    this.requestFocus(id);
  }

  /**
   * Selects a feature from the list twin: the map moves only when the feature is not wholly in view, so
   * the list (what the view holds) stays as it was for a feature already on screen.
   */
  reveal(id: string): void {
    this.select(id);
    const feature = this.lookup(id);
    const view = this.viewBounds;
    if (!feature || !view) return;
    const [west, south, east, north] = geometryBounds(feature);
    if (west < view[0] || east > view[2] || south < view[1] || north > view[3]) this.requestFocus(id);
  }

  private requestFocus(id: string): void {
    const feature = this.lookup(id);
    if (feature) this.focus = { feature, seq: ++this.seq };
  }

  /** Shows the map alone, or brings back the header, panels and buttons; the link says which. */
  setClean(clean: boolean): void {
    this.clean = clean;
    this.writeToUrl();
  }

  setFilter(filter: FeatureFilter): void {
    this.filter = filter;
    this.writeToUrl();
  }

  /** Starts near-me from `origin` (the device, a place, a point on the map), keeping the radius, and shows it. */
  startNear(origin: readonly [number, number]): void {
    this.near = { origin, radiusKm: this.near?.radiusKm ?? DEFAULT_RADIUS_KM };
    this.nearOpen = true;
    this.nearFit = { seq: ++this.seq };
    this.writeToUrl();
  }

  setNearRadius(km: number): void {
    if (!this.near) return;
    this.near = { ...this.near, radiusKm: clampRadiusKm(km) };
    this.writeToUrl();
  }

  openNear(): void {
    this.nearOpen = true;
  }

  /** Closes near-me: the circle, the list and the URL's parameters go. */
  closeNear(): void {
    this.nearOpen = false;
    this.near = null;
    this.writeToUrl();
  }

  setHover(id: string | null, x = 0, y = 0, from: HoverState['from'] = 'map'): void {
    this.hover = id ? { id, x, y, from } : null;
  }

  /** Ends the list twin's hover of `id`, leaving a hover the map has since taken over alone. */
  endListHover(id: string): void {
    if (this.hover?.from === 'list' && this.hover.id === id) this.hover = null;
  }

  dismissNotice(): void {
    this.missing = null;
  }

  /** Chooses a basemap and remembers it. */
  setBasemap(basemap: BasemapId): void {
    this.basemap = basemap;
    this.basemapNotice = null;
    writeBasemapChoice(this.storage, basemap);
  }

  /**
   * Takes a key the user typed: a valid one is used and remembered, an empty one forgets theirs (the
   * deployer's applies again). Returns false, changing nothing, for one that cannot be a key.
   */
  setUserKey(value: string): boolean {
    if (!value.trim()) {
      this.userKey = null;
      writeUserKey(this.storage, null);
      return true;
    }
    const key = normaliseKey(value);
    if (!key) return false;
    this.userKey = key;
    this.basemapNotice = null;
    writeUserKey(this.storage, key);
    return true;
  }

  /** A street basemap failed: back to the embedded one, with the notice; the broken choice is not remembered. */
  basemapFailed(failure: StreetFailure): void {
    this.basemap = 'embedded';
    writeBasemapChoice(this.storage, 'embedded');
    this.basemapNotice = failure;
  }

  dismissBasemapNotice(): void {
    this.basemapNotice = null;
  }
}
