/**
 * How the plan is drawn, in one place: colours, widths, dash patterns, fill opacities by precision and zoom
 * curves. Pure data and small functions, no map library at run time: the main map (deck.gl layers and its
 * MapLibre outlines), the article mini map, the layers-panel legend and the benchmark's reference page all
 * read it, so a surveyed, approximate or indicative feature looks the same wherever it is drawn.
 * What only the map's lazily loaded layers need (uncertainty corridors, the plan's names) is in
 * symbology-scale.ts, so the first visit does not download it; what the basemap's own style needs before
 * the first frame (district label sizes, the zoom curve) is in symbology-basemap.ts, re-exported here, so
 * that the rest of this module comes with the plan's layers, after that frame.
 *
 * Dash patterns are in line widths, the unit both MapLibre's `line-dasharray` and the deck.gl dashed path
 * layer (dashed-path-layer.ts) use; `svgDash` turns one into an SVG `stroke-dasharray` for a legend symbol of a given width.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { PRECISIONS } from '../plan/vocabulary';
import { hexToRgba, UNCOLOURED_LINE, type Rgba } from './colour';

import { DISTRICT_LABEL_SIZE, zoomCurve } from './symbology-basemap';

export { hexToRgba, UNCOLOURED_LINE, type Rgba, DISTRICT_LABEL_SIZE, zoomCurve };

export type Precision = (typeof PRECISIONS)[number];
export type Dash = readonly [number, number];

/**
 * Each plan layer's colour (the metro lines keep their official line colours instead, and are exempt from
 * what follows). Chosen so that every pair stays apart (OKLab distance ≥ 0.075) as seen with normal vision and
 * simulated protanopia, deuteranopia and tritanopia, and each has at least 3:1 contrast against the basemap's
 * land and sea (WCAG non-text contrast); tests/unit/palette.test.ts checks both.
 */
export const LAYER_COLOURS = {
  zones: '#8c48fa',
  ecology: '#337a58',
  culture: '#6c3317',
  publicServices: '#a15c93',
  science: '#245086',
  energy: '#805003',
  transport: '#df1b55'
} as const;

/** Outline and line dashes by precision: surveyed solid, approximate long dashes, indicative short ones. */
export const PRECISION_DASH: Readonly<Record<Precision, Dash | null>> = {
  surveyed: null,
  approximate: [6, 2],
  indicative: [2, 2]
};

/** Metro lines not yet running (under construction, planned) are dashed whatever their precision. */
export const NOT_RUNNING_DASH: Dash = [3, 1.5];

/** A dash pattern as an SVG `stroke-dasharray` for a stroke `width` pixels wide; undefined when solid. */
export function svgDash(dash: Dash | null, width: number): string | undefined {
  return dash ? `${dash[0] * width} ${dash[1] * width}` : undefined;
}

/** Fill opacity (0–255) by precision: an indicative area must never look as solid as a surveyed one. */
export const FILL_ALPHA: Readonly<Record<Precision, number>> = {
  surveyed: 72,
  approximate: 46,
  indicative: 24
};

/** Water bodies already show as water on the basemap: a faint wash, not a fill that reads as land. */
export const WATER_KINDS: ReadonlySet<string> = new Set(['bay', 'river', 'reservoir', 'sea-area', 'wetland']);
export const WATER_ALPHA = 14;

/**
 * District-sized designations (a state-level new area, the urban-rural integration zone, the node cities):
 * context for everything else, drawn as outlines over a trace of fill (enough to be picked), so the features
 * on them carry the colour.
 */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set(['new-area', 'pilot-area', 'urban-node']);
export const CONTEXT_ALPHA = 8;

/** Fill opacity (0–255) of an area of this kind and precision. */
export function fillAlpha(precision: Precision, kind: string): number {
  if (CONTEXT_KINDS.has(kind)) return CONTEXT_ALPHA;
  return WATER_KINDS.has(kind) ? WATER_ALPHA : FILL_ALPHA[precision];
}

/** Added to an area's fill opacity while it is hovered or selected. */
export const EMPHASIS_FILL_ALPHA = 60;

/** Colours that are not a feature's own. */
export const INK: Rgba = [17, 24, 39, 255];
export const WHITE: Rgba = [255, 255, 255, 255];
export const CASING: Rgba = [255, 255, 255, 235];
export const SELECTED_CASING: Rgba = [17, 24, 39, 230];

/** A feature's drawing colour: its own (metro lines), else its layer's, else the neutral line colour. */
export function featureColour(
  own: string | null | undefined,
  layerColour: string | null | undefined
): string {
  return own ?? layerColour ?? UNCOLOURED_LINE;
}

/** Widths and radii in CSS pixels at text scale 1 (multiply by the scale); station radii in metres. */
export const SIZE = {
  outline: 1.8,
  /** District-sized context areas: a thinner outline, beneath the plan's own features in the hierarchy. */
  contextOutline: 1.1,
  line: 3,
  emphasisedLine: 4.5,
  metro: 4,
  emphasisedMetro: 7,
  casing: 7,
  emphasisedCasing: 11,
  point: 5,
  emphasisedPoint: 7.5,
  pointStroke: 1.5,
  stationMetres: 90,
  emphasisedStationMetres: 160,
  stationMinPixels: 2,
  stationMaxPixels: 7,
  stationStroke: 1.6
} as const;

/** Halos around points whose position is not surveyed: the halo's size says how uncertain it is. */
export const HALO: Readonly<Record<Exclude<Precision, 'surveyed'>, { radius: number; alpha: number }>> = {
  approximate: { radius: 11, alpha: 70 },
  indicative: { radius: 16, alpha: 45 }
};

/** Station label size by zoom (station names show from zoom 12). */
export const STATION_LABEL_SIZE = [
  [12, 11],
  [16, 15]
] as const;
/** Mini map point radius by zoom. */
export const MINI_POINT_RADIUS = [
  [9, 2],
  [14, 5]
] as const;

/**
 * MapLibre expression of a line's dash pattern from its feature properties (`kind`, `status`, `precision`):
 * a metro line solid while running and dashed as not running otherwise, anything else dashed by its
 * precision; solid is `[1, 0]`.
 */
export function dashExpression(): ExpressionSpecification {
  const byPrecision: unknown[] = ['match', ['get', 'precision']];
  for (const precision of PRECISIONS) {
    const dash = PRECISION_DASH[precision];
    if (dash) byPrecision.push(precision, ['literal', [...dash]]);
  }
  byPrecision.push(['literal', [1, 0]]);
  return [
    'case',
    ['==', ['get', 'kind'], 'metro-line'],
    ['case', ['==', ['get', 'status'], 'operating'], ['literal', [1, 0]], ['literal', [...NOT_RUNNING_DASH]]],
    byPrecision
  ] as unknown as ExpressionSpecification;
}

/** MapLibre expression of an area's fill opacity (0–1) from its `precision` and `kind`. */
export function fillOpacityExpression(): ExpressionSpecification {
  const byPrecision: unknown[] = ['match', ['get', 'precision']];
  for (const precision of PRECISIONS) byPrecision.push(precision, FILL_ALPHA[precision] / 255);
  byPrecision.push(FILL_ALPHA.indicative / 255);
  return [
    'case',
    ['in', ['get', 'kind'], ['literal', [...WATER_KINDS]]],
    WATER_ALPHA / 255,
    byPrecision
  ] as unknown as ExpressionSpecification;
}

/** `#rrggbb` as a CSS `rgb()` colour, for MapLibre paint properties. */
export function cssColour(rgba: Rgba): string {
  return `rgba(${rgba[0]}, ${rgba[1]}, ${rgba[2]}, ${Math.round((rgba[3] / 255) * 1000) / 1000})`;
}
