/**
 * Names of plan features drawn by MapLibre rather than deck.gl: MapLibre's text uses the basemap's
 * `font-faces` (Noto Sans SC served by the site), so Chinese names render on machines without a CJK font,
 * which deck.gl's canvas-drawn text cannot promise. MapLibre also keeps labels from colliding: each layer's
 * labels are placed in `symbol-sort-key` order (what the plan names most first), and the layers from the top
 * down, so the selected feature's name, on top in a layer of its own, is placed first and never covered.
 *
 * Points are named beside their dot, areas at a point inside them computed at build time (`label_point`),
 * lines along the line; each from the zoom at which it fits. The data follow the features drawn, so a layer
 * or status filter takes its names with it.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  Map as MapLibreMap,
  SymbolLayerSpecification
} from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { PLACE_LABEL_SIZE } from './symbology-scale';
import { geometryBounds } from '$lib/geo/bounds';
import { BASEMAP_COLOURS, BASEMAP_FONT_NAME } from './basemap-style';
import { CONTEXT_KINDS, STATION_LABEL_SIZE, zoomCurve } from './symbology';

export const PLAN_LABEL_SOURCE = 'plan-labels';
const SELECTED_SOURCE = 'plan-label-selected';

/**
 * Ids of the label layers, bottom first (MapLibre places the top one first): stations, district-sized
 * context areas, lines, points, the plan's own areas (ports, zones, parks), the selected feature's name, then
 * the marks that keep names off the plan's dots.
 */
export const PLAN_LABEL_LAYER = 'plan-station-labels';
export const CONTEXT_LABEL_LAYER = 'plan-context-labels';
export const AREA_LABEL_LAYER = 'plan-area-labels';
export const LINE_LABEL_LAYER = 'plan-line-labels';
export const POINT_LABEL_LAYER = 'plan-point-labels';
export const SELECTED_LABEL_LAYER = 'plan-selected-label';
/**
 * Invisible marks at the plan's points and stations, on top of every label layer so MapLibre places them
 * first: the dots are deck.gl's, which MapLibre's label placement knows nothing of; these stand in for them
 * there, so that no name (the plan's or the basemap's) is placed over a dot.
 */
export const DOT_BLOCKER_LAYER = 'plan-dot-blockers';
const DOT_IMAGE = 'plan-dot';
/** The blocker's side in CSS pixels at icon size 1: a point's dot with its white ring (radius 5 + 1.5). */
const DOT_PIXELS = 12;

type LabelClass = 'station' | 'context' | 'area' | 'line' | 'point';
const LAYER_OF: Record<LabelClass, string> = {
  station: PLAN_LABEL_LAYER,
  context: CONTEXT_LABEL_LAYER,
  area: AREA_LABEL_LAYER,
  line: LINE_LABEL_LAYER,
  point: POINT_LABEL_LAYER
};

/** Characters of a name in CSS pixels at text size 12: a CJK character is square, Latin about half. */
function labelPixels(name: string): number {
  let width = 0;
  for (const ch of name) width += ch.charCodeAt(0) > 0x2e80 ? 12 : 6.6;
  return Math.min(width, 12 * 9);
}

/** The lowest zoom at which an area is wider than its name (a 512-pixel world at zoom 0). */
function areaMinZoom(feature: PlanFeature, name: string): number {
  const [west, , east] = geometryBounds(feature.geometry);
  const pixelsAtZero = ((east - west) / 360) * 512;
  const zoom = Math.ceil(Math.log2(labelPixels(name) / Math.max(pixelsAtZero, 1e-9)));
  return Math.min(Math.max(zoom, CONTEXT_KINDS.has(feature.properties.kind) ? 8 : 7), 14);
}

/**
 * One label per feature drawn, named in `lang`: `cls` picks its layer (the layers' order ranks the kinds),
 * `sort` its rank within the layer (lower is placed first: what more of the plan's articles name),
 * `minzoom` the zoom it shows from.
 */
export function planLabelData(
  features: readonly PlanFeature[],
  lang: 'zh' | 'en'
): GeoJSON.FeatureCollection {
  const labels: GeoJSON.Feature[] = [];
  for (const f of features) {
    const p = f.properties;
    const g = f.geometry;
    const name = lang === 'zh' ? p.name_zh : p.name_en;
    const named = Math.min(p.articles.length, 9);
    let cls: LabelClass;
    let geometry: GeoJSON.Geometry = g;
    let minzoom: number;
    if (p.kind === 'metro-station') [cls, minzoom] = ['station', 12];
    else if (g.type === 'Point' || g.type === 'MultiPoint') [cls, minzoom] = ['point', named > 1 ? 7 : 9];
    else if (/LineString$/.test(g.type)) [cls, minzoom] = ['line', p.kind === 'metro-line' ? 9 : 7];
    else if (p.label_point) {
      [cls, geometry, minzoom] = [
        CONTEXT_KINDS.has(p.kind) ? 'context' : 'area',
        { type: 'Point', coordinates: p.label_point },
        areaMinZoom(f, name)
      ];
    } else continue;
    labels.push({
      type: 'Feature',
      geometry,
      properties: { id: p.id, name, cls, sort: -named, minzoom }
    });
  }
  return { type: 'FeatureCollection', features: labels };
}

/** The selected feature's name at its dot or label point, or nothing. */
function selectedData(feature: PlanFeature | undefined, lang: 'zh' | 'en'): GeoJSON.FeatureCollection {
  const p = feature?.properties;
  const g = feature?.geometry;
  const at = g?.type === 'Point' ? g.coordinates : p?.label_point;
  return {
    type: 'FeatureCollection',
    features:
      p && at
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: at },
              properties: { name: lang === 'zh' ? p.name_zh : p.name_en, point: g?.type === 'Point' }
            }
          ]
        : []
  };
}

/** Station label size by zoom, times the screen's text scale. */
export function planLabelSize(scale: number): ExpressionSpecification {
  return zoomCurve(STATION_LABEL_SIZE, scale);
}

const placeSize = (scale: number) => zoomCurve(PLACE_LABEL_SIZE, scale);

/** A class's labels from their own zoom on, leaving out the selected feature (named on top instead). */
function classFilter(cls: LabelClass, selectedId: string | null): FilterSpecification {
  return [
    'all',
    ['==', ['get', 'cls'], cls],
    ['>=', ['zoom'], ['get', 'minzoom']],
    ['!=', ['get', 'id'], selectedId ?? '']
  ] as FilterSpecification;
}

const paint = (halo = 1.6): SymbolLayerSpecification['paint'] => ({
  'text-color': BASEMAP_COLOURS.label,
  'text-halo-color': BASEMAP_COLOURS.labelHalo,
  'text-halo-width': halo,
  'text-halo-blur': 0.4
});

/** Station names beside their dots once the map is zoomed in far enough for them not to crowd. */
export function planLabelLayer(scale: number): SymbolLayerSpecification {
  return {
    id: PLAN_LABEL_LAYER,
    type: 'symbol',
    source: PLAN_LABEL_SOURCE,
    filter: classFilter('station', null),
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [BASEMAP_FONT_NAME],
      'text-size': planLabelSize(scale),
      'text-anchor': 'left',
      'text-offset': [0.9, 0],
      'text-optional': true,
      'text-padding': 3,
      'symbol-sort-key': ['get', 'sort']
    },
    paint: paint()
  };
}

/**
 * The blockers' size: a point's dot at the text scale; a station's grows with the zoom as its dot does
 * (90 m, kept between 2 and 7 pixels: about 6 pixels at zoom 12 at Qingdao's latitude).
 */
export function dotBlockerSize(scale: number): ExpressionSpecification {
  const station = ['==', ['get', 'cls'], 'station'];
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    10,
    ['case', station, 0.25 * scale, scale],
    12.3,
    ['case', station, 1.2 * scale, scale]
  ] as unknown as ExpressionSpecification;
}

export function dotBlockerLayer(scale: number): SymbolLayerSpecification {
  return {
    id: DOT_BLOCKER_LAYER,
    type: 'symbol',
    source: PLAN_LABEL_SOURCE,
    filter: ['in', ['get', 'cls'], ['literal', ['point', 'station']]],
    layout: {
      'icon-image': DOT_IMAGE,
      'icon-size': dotBlockerSize(scale),
      'icon-padding': 0,
      // Always placed, and what is placed keeps everything placed after it off the same pixels.
      'icon-allow-overlap': true
    },
    paint: { 'icon-opacity': 0 }
  };
}

/** Every label layer, bottom first (see the ids above). */
export function planLabelLayers(scale: number): SymbolLayerSpecification[] {
  const common = {
    type: 'symbol',
    source: PLAN_LABEL_SOURCE
  } as const;
  const text = {
    'text-field': ['get', 'name'],
    'text-font': [BASEMAP_FONT_NAME],
    'text-size': placeSize(scale),
    'text-padding': 4,
    'symbol-sort-key': ['get', 'sort']
  } satisfies SymbolLayerSpecification['layout'];
  return [
    planLabelLayer(scale),
    {
      ...common,
      id: CONTEXT_LABEL_LAYER,
      filter: classFilter('context', null),
      layout: { ...text, 'text-max-width': 7, 'text-line-height': 1.15 },
      paint: paint(1.8)
    },
    {
      ...common,
      id: LINE_LABEL_LAYER,
      filter: classFilter('line', null),
      layout: {
        ...text,
        'symbol-placement': 'line',
        // Beside the line rather than on it, so the name never breaks the line it names.
        'text-offset': [0, 1],
        'symbol-spacing': 360,
        'text-max-angle': 35,
        'text-keep-upright': true
      },
      paint: paint(1.8)
    },
    {
      ...common,
      id: POINT_LABEL_LAYER,
      filter: classFilter('point', null),
      layout: {
        ...text,
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.9,
        // Less than the others' so that the name fits beside its own dot's blocker (dotBlockerLayer).
        'text-padding': 2,
        'text-justify': 'auto',
        'text-max-width': 8
      },
      paint: paint()
    },
    {
      ...common,
      id: AREA_LABEL_LAYER,
      filter: classFilter('area', null),
      layout: {
        ...text,
        'text-max-width': 7,
        'text-line-height': 1.15,
        // At its label point, or just above or below it where a dot is there.
        'text-variable-anchor-offset': ['center', [0, 0], 'top', [0, 0.9], 'bottom', [0, -0.9]]
      },
      paint: paint(1.8)
    },
    {
      type: 'symbol',
      source: SELECTED_SOURCE,
      id: SELECTED_LABEL_LAYER,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [BASEMAP_FONT_NAME],
        'text-size': placeSize(scale * 1.15),
        'text-max-width': 8,
        'text-anchor': ['case', ['get', 'point'], 'left', 'center'],
        'text-offset': ['case', ['get', 'point'], ['literal', [0.9, 0]], ['literal', [0, 0]]],
        // Placed first (the top layer) and whatever is there: every other label makes way for it.
        'text-allow-overlap': true
      },
      paint: { ...paint(2.4), 'text-color': '#111827' }
    },
    dotBlockerLayer(scale)
  ];
}

/**
 * What each map's labels were last drawn from: a change of selection alone keeps the labels' data, and
 * nothing at all changes for a call that changes nothing (each new data makes MapLibre lay every label out
 * again, in its worker and then on the map; the page's first call comes right after addPlanLabels).
 */
interface LabelsDrawn {
  features: readonly PlanFeature[];
  lang: 'zh' | 'en';
  selectedId: string | null;
}
const drawnFrom = new WeakMap<MapLibreMap, LabelsDrawn>();

/** Adds the label sources and layers on top of everything. */
export function addPlanLabels(
  map: MapLibreMap,
  features: readonly PlanFeature[],
  lang: 'zh' | 'en',
  scale: number
): void {
  map.addSource(PLAN_LABEL_SOURCE, { type: 'geojson', data: planLabelData(features, lang) });
  map.addSource(SELECTED_SOURCE, { type: 'geojson', data: selectedData(undefined, lang) });
  if (!map.hasImage(DOT_IMAGE))
    map.addImage(DOT_IMAGE, {
      width: DOT_PIXELS,
      height: DOT_PIXELS,
      data: new Uint8Array(DOT_PIXELS * DOT_PIXELS * 4)
    });
  for (const layer of planLabelLayers(scale)) map.addLayer(layer);
  drawnFrom.set(map, { features, lang, selectedId: null });
}

/** The labels of the features drawn, in `lang`. */
export function setPlanLabels(map: MapLibreMap, features: readonly PlanFeature[], lang: 'zh' | 'en'): void {
  map.getSource<GeoJSONSource>(PLAN_LABEL_SOURCE)?.setData(planLabelData(features, lang));
}

/** Names the selected feature (if it is drawn) on top, and takes it out of its own class's layer. */
export function selectPlanLabel(
  map: MapLibreMap,
  features: readonly PlanFeature[],
  id: string | null,
  lang: 'zh' | 'en'
): void {
  const feature = id ? features.find((f) => f.properties.id === id) : undefined;
  map.getSource<GeoJSONSource>(SELECTED_SOURCE)?.setData(selectedData(feature, lang));
  const shown = feature ? id : null;
  for (const cls of Object.keys(LAYER_OF) as LabelClass[])
    if (map.getLayer(LAYER_OF[cls])) map.setFilter(LAYER_OF[cls], classFilter(cls, shown));
}

/** The labels of the features drawn in `lang`, the selected one's on top (one call for any change). */
export function showPlanLabels(
  map: MapLibreMap,
  features: readonly PlanFeature[],
  lang: 'zh' | 'en',
  selectedId: string | null
): void {
  const last = drawnFrom.get(map);
  const sameLabels = last?.features === features && last.lang === lang;
  if (sameLabels && last.selectedId === selectedId) return;
  if (!sameLabels) setPlanLabels(map, features, lang);
  selectPlanLabel(map, features, selectedId, lang);
  drawnFrom.set(map, { features, lang, selectedId });
}

/** Label sizes for the screen's text scale. */
export function scalePlanLabels(map: MapLibreMap, scale: number): void {
  map.setLayoutProperty(PLAN_LABEL_LAYER, 'text-size', planLabelSize(scale));
  for (const id of [CONTEXT_LABEL_LAYER, AREA_LABEL_LAYER, LINE_LABEL_LAYER, POINT_LABEL_LAYER])
    map.setLayoutProperty(id, 'text-size', placeSize(scale));
  map.setLayoutProperty(SELECTED_LABEL_LAYER, 'text-size', placeSize(scale * 1.15));
  map.setLayoutProperty(DOT_BLOCKER_LAYER, 'icon-size', dotBlockerSize(scale));
}
