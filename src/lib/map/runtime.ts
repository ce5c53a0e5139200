/**
 * The one map runtime: creates a MapLibre map with the site's options, controls, style and readiness
 * markers, runs the caller's setup once the style has loaded, and returns one cleanup for all of it. The
 * map page, the article mini map and the benchmark's reference page all start their maps here.
 *
 * MapLibre itself is passed in, so the map page can import it up front (its first frame should not wait)
 * while the article page loads it only when its mini map is shown.
 */
import type { FitBoundsOptions, LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '$lib/i18n/lang';
import { ATTRIBUTION, MAX_BOUNDS } from './extent';

type MapLibre = typeof import('maplibre-gl');

export interface MapRuntimeOptions {
  maplibre: MapLibre;
  /** URL of maplibre-gl's worker (maplibre-gl 6 is ESM-only and loads it from a URL the page gives). */
  workerUrl: string;
  container: HTMLElement;
  style: StyleSpecification;
  /** The box the map opens fitted to, unless the URL (with `hash`) says otherwise. */
  bounds: LngLatBoundsLike;
  fitBoundsOptions?: FitBoundsOptions;
  /** Keep the view in the URL under this hash parameter (MapLibre's `#map=zoom/lat/lon`). */
  hash?: string;
  minZoom?: number;
  /** A map inside a scrolling page: one finger or the wheel scrolls the page, not the map. */
  cooperativeGestures?: boolean;
  /** Show a scale bar, this many pixels wide at most. */
  scaleBarWidth?: number;
  /** Start with the compact attribution folded (it would cover a small map). */
  foldAttribution?: boolean;
  lang: Lang;
  /** Told of each label font file (static/fonts/) the server refused. */
  onFontFailure?: (file: string) => void;
  /** Runs once the style has loaded; may return its own cleanup. */
  onLoad?: (map: MapLibreMap) => void | (() => void);
}

export interface MapRuntime {
  map: MapLibreMap;
  /** Removes the map, its controls and listeners, and whatever `onLoad` set up. */
  destroy: () => void;
}

/** The screen's text scale: the root font size over 16 px (grows on large screens, with browser zoom). */
export function textScale(): number {
  if (typeof document === 'undefined') return 1;
  return (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
}

/** MapLibre's control texts in the page's language (it ships English only). */
export function mapLocale(lang: Lang): Record<string, string> {
  if (lang === 'en') return {};
  return {
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
    'AttributionControl.ToggleAttribution': '显示或隐藏版权信息',
    'CooperativeGesturesHandler.WindowsHelpText': '按住 Ctrl 键并滚动鼠标以缩放地图',
    'CooperativeGesturesHandler.MacHelpText': '按住 ⌘ 键并滚动鼠标以缩放地图',
    'CooperativeGesturesHandler.MobileHelpText': '用两根手指移动地图'
  };
}

/**
 * Padding for bringing a feature into view: on wide screens room for the feature panel on the right; on
 * phones (the map shrinks above the bottom sheet) only a margin. `scale` is the text scale at the moment
 * of asking: the padding is computed once per request, never followed afterwards.
 */
export function focusPadding(
  width: number,
  scale: number
): { top: number; bottom: number; left: number; right: number } {
  if (width <= 640) return { top: 40, bottom: 30, left: 30, right: 30 };
  return { top: 60, bottom: 60, left: 60, right: Math.min(width * 0.4, 26 * 16 * scale) + 80 };
}

/**
 * Reports label font files (static/fonts/, loaded by MapLibre as labels need them) that the server
 * refused: MapLibre draws on without them, its labels missing those characters, and the user is told.
 */
function watchFontFailures(onFailure: (file: string) => void): () => void {
  if (typeof PerformanceObserver === 'undefined') return () => {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      const file = /\/fonts\/([^/?#]+\.woff2)(\?|#|$)/.exec(entry.name)?.[1];
      if (file && entry.responseStatus >= 400) onFailure(`fonts/${file}`);
    }
  });
  observer.observe({ type: 'resource' });
  return () => observer.disconnect();
}

/**
 * Marks the map's container once the plan's layers have first been drawn (`data-overlay="ready"`). The
 * map is not at rest until it has settled after that frame, so `data-idle` waits for MapLibre's next
 * 'idle'; together the two markers say "every plan layer drawn, map idle" to tests and the benchmark.
 */
export function markPlanDrawn(container: HTMLElement): void {
  if (container.dataset.overlay === 'ready') return;
  container.dataset.idle = 'false';
  container.dataset.overlay = 'ready';
}

export function createMapRuntime(options: MapRuntimeOptions): MapRuntime {
  const { maplibre, container } = options;
  maplibre.setWorkerUrl(options.workerUrl);
  const map = new maplibre.Map({
    container,
    style: options.style,
    bounds: options.bounds,
    fitBoundsOptions: options.fitBoundsOptions,
    maxBounds: MAX_BOUNDS,
    minZoom: options.minZoom,
    hash: options.hash ?? false,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    cooperativeGestures: options.cooperativeGestures ?? false,
    locale: mapLocale(options.lang)
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
  if (options.scaleBarWidth)
    map.addControl(
      new maplibre.ScaleControl({ unit: 'metric', maxWidth: options.scaleBarWidth }),
      'bottom-left'
    );
  map.addControl(
    new maplibre.AttributionControl({ compact: true, customAttribution: ATTRIBUTION }),
    'bottom-right'
  );

  // Tests and benchmarks wait on these markers instead of sleeping.
  map.on('movestart', () => (container.dataset.idle = 'false'));
  map.on('idle', () => (container.dataset.idle = 'true'));

  const cleanups: (() => void)[] = [];
  if (options.onFontFailure) cleanups.push(watchFontFailures(options.onFontFailure));
  let destroyed = false;
  map.once('load', () => {
    if (destroyed) return;
    if (options.foldAttribution) {
      const attribution = container.querySelector('.maplibregl-ctrl-attrib');
      attribution?.classList.remove('maplibregl-compact-show');
      attribution?.removeAttribute('open');
    }
    const cleanup = options.onLoad?.(map);
    if (cleanup) cleanups.push(cleanup);
  });

  return {
    map,
    destroy: () => {
      destroyed = true;
      for (const cleanup of cleanups.reverse()) cleanup();
      map.remove();
    }
  };
}
