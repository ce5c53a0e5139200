import type {
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  StyleSpecification
} from 'maplibre-gl';
import { BASEMAP_FONT_FILES } from './basemap-fonts';
import { LABEL_FONT_FILES } from './label-fonts';
import { DISTRICT_LABEL_SIZE, zoomCurve } from './symbology-basemap';

/** The extent the embedded basemap covers, `[west, south, east, north]` in WGS-84 degrees. */
export const BASEMAP_BOUNDS = [118.2, 34.8, 122.2, 37.9] as const;

/** The font name labels ask for in `text-font`, declared in the style's `font-faces`. */
export const BASEMAP_FONT_NAME = 'Noto Sans SC Regular';

/** Colours of the embedded basemap, exported so tests and legends can refer to them. */
export const BASEMAP_COLOURS = {
  sea: '#b9d7e8',
  land: '#f1eee6',
  /** District tints, indexed by the districts' `tint` property (neighbours never share one). */
  tints: ['#f4efe1', '#ece9e0', '#efebe5', '#e9ebe0'],
  districtBoundary: '#9d97a6',
  cityBoundary: '#6f6680',
  label: '#3d3a45',
  labelHalo: '#ffffff'
} as const;

export interface BasemapStyleOptions {
  /** URL of the folder holding the font files of static/fonts, e.g. `${base}/fonts`. */
  fontUrlBase: string;
  /** Label language: Chinese first with English below, or the reverse. */
  lang: 'zh' | 'en';
  /** URL of the folder holding the files of static/geo; defaults to `/geo` (site root). */
  geoBase?: string;
  /** Text scale: the root font size over 16 px, so labels grow with the panels on large screens. */
  scale?: number;
}

/** District label size by zoom, times the screen's text scale. */
export function districtLabelSize(scale = 1): ExpressionSpecification {
  return zoomCurve(DISTRICT_LABEL_SIZE, scale);
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** District label text: the first language's name, and the other's smaller on the line below. */
export function labelText(lang: 'zh' | 'en'): ExpressionSpecification {
  const [first, second] = lang === 'zh' ? ['name_zh', 'name_en'] : ['name_en', 'name_zh'];
  return ['format', ['get', first], { 'font-scale': 1 }, '\n', {}, ['get', second], { 'font-scale': 0.72 }];
}

/**
 * The embedded, offline default basemap: sea, OSM land, Qingdao's districts with their borders and
 * bilingual labels. Everything it loads is served by the site itself: GeoJSON from `geoBase`, and the
 * Noto Sans SC files from `fontUrlBase` through the style's `font-faces` (no `glyphs` URL), so Chinese
 * labels draw on machines without any Chinese font.
 */
export function basemapStyle(options: BasemapStyleOptions): StyleSpecification {
  const geo = trimSlash(options.geoBase ?? '/geo');
  const fonts = trimSlash(options.fontUrlBase);
  const c = BASEMAP_COLOURS;
  // Each file is pinned to the codepoints it holds, so MapLibre downloads only the ones labels use
  // and never asks a file for a character it lacks. The label font's small files come first: MapLibre
  // takes the first file covering a character, and the full slices serve only characters outside them.
  const fontFaces: FontFacesSpecification = {
    [BASEMAP_FONT_NAME]: [...LABEL_FONT_FILES, ...BASEMAP_FONT_FILES].map((f) => ({
      url: `${fonts}/${f.file}`,
      'unicode-range': f.unicodeRange.split(',')
    }))
  };
  const tint: ExpressionSpecification = [
    'match',
    ['get', 'tint'],
    0,
    c.tints[0],
    1,
    c.tints[1],
    2,
    c.tints[2],
    c.tints[3]
  ];
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': c.sea } },
    { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': c.land } },
    { id: 'district-fill', type: 'fill', source: 'districts', paint: { 'fill-color': tint } },
    {
      id: 'district-boundary',
      type: 'line',
      source: 'district-boundaries',
      filter: ['==', ['get', 'kind'], 'district'],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': c.districtBoundary,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 2],
        'line-dasharray': [3, 2]
      }
    },
    {
      id: 'city-boundary',
      type: 'line',
      source: 'district-boundaries',
      filter: ['==', ['get', 'kind'], 'city'],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': c.cityBoundary,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 13, 3]
      }
    },
    {
      id: 'district-label',
      type: 'symbol',
      source: 'district-labels',
      layout: {
        'text-field': labelText(options.lang),
        'text-font': [BASEMAP_FONT_NAME],
        'text-size': districtLabelSize(options.scale),
        'text-max-width': 9,
        'text-line-height': 1.25,
        'text-padding': 4
      },
      paint: {
        'text-color': c.label,
        'text-halo-color': c.labelHalo,
        'text-halo-width': 1.5,
        'text-halo-blur': 0.5
      }
    }
  ];
  return {
    version: 8,
    name: 'Qingdao embedded basemap',
    'font-faces': fontFaces,
    sources: {
      land: { type: 'geojson', data: `${geo}/land.geojson` },
      districts: { type: 'geojson', data: `${geo}/districts.geojson` },
      'district-boundaries': { type: 'geojson', data: `${geo}/district-boundaries.geojson` },
      'district-labels': { type: 'geojson', data: `${geo}/district-labels.geojson` }
    },
    layers
  };
}
