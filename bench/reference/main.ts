/**
 * The benchmark's reference page: MapLibre alone (no Svelte, no deck.gl) drawing the site's basemap style
 * and the same plan features from the same /data/features.geojson as plain GeoJSON layers, with the map
 * options and controls of src/lib/map/MapView.svelte. It sets the same readiness markers and scripting surface as the site, so
 * bench/run.ts drives both pages the same way.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import * as maplibre from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { basemapStyle } from '../../src/lib/map/basemap-style';
import { QINGDAO_BOUNDS } from '../../src/lib/map/extent';
import { createMapRuntime } from '../../src/lib/map/runtime';
import {
  SIZE,
  UNCOLOURED_LINE,
  cssColour,
  CASING,
  dashExpression,
  fillOpacityExpression
} from '../../src/lib/map/symbology';
import { LAYERS } from '../../src/lib/plan/layers';
import { addPlanLabels } from '../../src/lib/map/plan-labels';
import { UNCERTAINTY_SOURCE, uncertaintyLayer, uncertaintySource } from '../../src/lib/map/plan-uncertainty';
import type { PlanFeature } from '../../src/lib/plan/schema';

/** A feature's own colour (metro lines), else its layer's colour from the registry, as the site picks it. */
const colour = [
  'coalesce',
  ['get', 'color'],
  ['match', ['get', 'layer'], ...LAYERS.flatMap((l) => [l.id, l.colour]), UNCOLOURED_LINE]
] as unknown as ExpressionSpecification; // The spread defeats the tuple type of 'match'; the shape is right.
const isMetro: ExpressionSpecification = [
  'in',
  ['get', 'kind'],
  ['literal', ['metro-line', 'metro-station']]
];
const geometry = (...types: string[]): ExpressionSpecification => [
  'in',
  ['geometry-type'],
  ['literal', types]
];

/**
 * The basemap plus every plan feature as plain MapLibre layers with the site's symbology (colours, widths,
 * fill opacity and dashes by precision), bottom to top: area fills and outlines, lines, metro lines (white
 * casing, coloured line), points and stations, all beneath the labels. No halos, no hover emphasis and no
 * picking: the least a map of these features must draw. What the site itself draws with MapLibre from the
 * features is added once they are loaded, with the site's own code (see onLoad).
 */
function referenceStyle(): StyleSpecification {
  const style = basemapStyle({ geoBase: '/geo', fontUrlBase: '/fonts', lang: 'zh' });
  style.sources.plan = { type: 'geojson', data: '/data/features.geojson' };
  const labels = style.layers.findIndex((l) => l.type === 'symbol');
  style.layers.splice(
    labels,
    0,
    {
      id: 'plan-areas',
      type: 'fill',
      source: 'plan',
      filter: geometry('Polygon', 'MultiPolygon'),
      paint: { 'fill-color': colour, 'fill-opacity': fillOpacityExpression() }
    },
    {
      id: 'plan-outlines',
      type: 'line',
      source: 'plan',
      filter: ['all', ['!', isMetro], geometry('Polygon', 'MultiPolygon')],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': SIZE.outline, 'line-dasharray': dashExpression() }
    },
    {
      id: 'plan-lines',
      type: 'line',
      source: 'plan',
      filter: ['all', ['!', isMetro], geometry('LineString', 'MultiLineString')],
      paint: { 'line-color': colour, 'line-width': SIZE.line, 'line-dasharray': dashExpression() }
    },
    {
      id: 'metro-lines-casing',
      type: 'line',
      source: 'plan',
      filter: ['==', ['get', 'kind'], 'metro-line'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': cssColour(CASING), 'line-width': SIZE.casing }
    },
    {
      id: 'metro-lines',
      type: 'line',
      source: 'plan',
      filter: ['==', ['get', 'kind'], 'metro-line'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': SIZE.metro, 'line-dasharray': dashExpression() }
    },
    {
      id: 'plan-points',
      type: 'circle',
      source: 'plan',
      filter: geometry('Point', 'MultiPoint'),
      paint: {
        'circle-radius': ['case', isMetro, 3.5, SIZE.point],
        'circle-color': ['case', isMetro, '#ffffff', colour],
        'circle-stroke-color': ['case', isMetro, colour, '#ffffff'],
        'circle-stroke-width': SIZE.pointStroke
      }
    }
  );
  return style;
}

const container = document.querySelector<HTMLElement>('[data-testid=map]');
if (!container) throw new Error('no map container');

createMapRuntime({
  maplibre,
  workerUrl,
  container,
  style: referenceStyle(),
  bounds: QINGDAO_BOUNDS,
  scaleBarWidth: 100,
  lang: 'zh',
  // 'load' fires once the style and every source, the plan's included, are loaded and drawn. Then come
  // the layers the site draws with MapLibre from the features, made by the site's own code: the plan's
  // names (with the marks that keep them off the dots) and the bands and discs of uncertain positions
  // (beneath the lines, as on the site). The page is ready once the map is idle with them.
  onLoad: (map) => {
    void map
      .getSource<GeoJSONSource>('plan')!
      .getData()
      .then((data) => {
        const features = (data as GeoJSON.FeatureCollection).features as unknown as PlanFeature[];
        addPlanLabels(map, features, 'zh', 1);
        map.addSource(UNCERTAINTY_SOURCE, uncertaintySource(features));
        map.addLayer(uncertaintyLayer(), 'plan-lines');
        container.dataset.idle = 'false';
        container.dataset.overlay = 'ready';
      });
    window.qingdaoPlanMap = {
      map,
      addUserData: (id, data, color = '#7b2cbf') => {
        const source = `user-${id}`;
        map.addSource(source, { type: 'geojson', data });
        // Under the plan's layers, as the site draws users' data.
        const below = 'plan-areas';
        map.addLayer(
          {
            id: `${source}-fill`,
            type: 'fill',
            source,
            filter: ['==', ['geometry-type'], 'Polygon'],
            paint: { 'fill-color': color, 'fill-opacity': 0.27 }
          },
          below
        );
        map.addLayer(
          {
            id: `${source}-line`,
            type: 'line',
            source,
            filter: ['in', ['geometry-type'], ['literal', ['LineString', 'Polygon']]],
            paint: { 'line-color': color, 'line-opacity': 0.9, 'line-width': 2 }
          },
          below
        );
        map.addLayer(
          {
            id: `${source}-point`,
            type: 'circle',
            source,
            filter: ['==', ['geometry-type'], 'Point'],
            paint: {
              'circle-color': color,
              'circle-opacity': 0.27,
              'circle-radius': 3,
              'circle-stroke-color': color,
              'circle-stroke-opacity': 0.9,
              'circle-stroke-width': 2
            }
          },
          below
        );
      },
      removeUserData: (id) => {
        const source = `user-${id}`;
        for (const layer of ['fill', 'line', 'point']) map.removeLayer(`${source}-${layer}`);
        map.removeSource(source);
      }
    };
  }
});
