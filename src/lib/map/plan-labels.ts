/**
 * Names of plan features drawn by MapLibre rather than deck.gl: MapLibre's text uses the basemap's
 * `font-faces` (Noto Sans SC served by the site), so Chinese names render on machines without a CJK font,
 * which deck.gl's canvas-drawn text cannot promise.
 */
import type { ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { BASEMAP_COLOURS, BASEMAP_FONT_NAME } from './basemap-style';
import { STATION_LABEL_SIZE, zoomCurve } from './symbology';

export const PLAN_LABEL_SOURCE = 'plan-labels';

/** The point features whose names the map labels, named in `lang`. */
export function planLabelData(
  features: readonly PlanFeature[],
  lang: 'zh' | 'en'
): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features
      .filter((f) => f.geometry.type === 'Point')
      .map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { id: f.properties.id, name: lang === 'zh' ? f.properties.name_zh : f.properties.name_en }
      }))
  };
}

/** Id of the symbol layer drawing station names. */
export const PLAN_LABEL_LAYER = 'plan-station-labels';

/** Station label size by zoom, times the screen's text scale. */
export function planLabelSize(scale: number): ExpressionSpecification {
  return zoomCurve(STATION_LABEL_SIZE, scale);
}

/** Station names beside their dots once the map is zoomed in far enough for them not to crowd. */
export function planLabelLayer(scale: number): SymbolLayerSpecification {
  return {
    id: PLAN_LABEL_LAYER,
    type: 'symbol',
    source: PLAN_LABEL_SOURCE,
    minzoom: 12,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [BASEMAP_FONT_NAME],
      'text-size': planLabelSize(scale),
      'text-anchor': 'left',
      'text-offset': [0.9, 0],
      'text-optional': true,
      'text-padding': 3
    },
    paint: {
      'text-color': BASEMAP_COLOURS.label,
      'text-halo-color': BASEMAP_COLOURS.labelHalo,
      'text-halo-width': 1.6
    }
  };
}
