/**
 * Area outlines, drawn by MapLibre as line layers in the same canvas as deck.gl's fills, not by deck.gl.
 *
 * Why (measured with `npm run bench` in software WebGL, where a frame's cost is CPU time in the GPU
 * process): as a deck.gl PathLayer the 94 outline rings (9,076 vertices) cost about two thirds of every
 * tour frame. Every vertex is a segment instance of 6 vertices / 4 triangles run through the path vertex
 * shader (projection of the previous, current and next points, joins, then the dash test), at every zoom:
 * a district-sized outline is processed whole when the view shows a few streets of it, and again for the
 * picking pass on every pointer move. The dash pattern barely mattered (dashed or not: the same cost) and
 * keeping every 10th vertex recovered most of it, so the cost is per vertex, not per pixel. MapLibre cuts
 * a GeoJSON source into tiles per zoom on its worker, simplified to the zoom and clipped to the tile, so
 * a frame draws only the outline vertices the view needs. Outlines are not picked (an area is picked by its
 * fill), so nothing is lost by moving them; hover and selection reach them through feature state.
 */
import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LineLayerSpecification
} from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { layerInfo } from '$lib/plan/layers';
import { CONTEXT_KINDS, cssColour, dashExpression, featureColour, INK, SIZE } from './symbology';
import { CORRIDOR_FADE_PX, OUTLINE_FADE, corridorZoom } from './symbology-scale';

export const OUTLINE_SOURCE = 'plan-areas';
export const OUTLINE_LAYER = 'plan-outlines';

const METRO = new Set(['metro-line', 'metro-station']);

/** The polygonal plan features, with the properties their outline is styled by. */
export function outlineData(features: readonly PlanFeature[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features
      .filter((f) => !METRO.has(f.properties.kind) && /Polygon$/.test(f.geometry.type))
      .map((f) => {
        const p = f.properties;
        const lat = p.label_point?.[1] ?? 36.2;
        return {
          type: 'Feature',
          geometry: f.geometry,
          properties: {
            id: p.id,
            kind: p.kind,
            status: p.status,
            precision: p.precision,
            colour: featureColour(p.color, layerInfo(p.layer)?.colour),
            // The zoom from which the outline fades (see outlineFade); never for a surveyed one.
            fade_from:
              p.precision !== 'surveyed' && p.uncertainty_m ? corridorZoom(p.uncertainty_m, lat) : NEVER
          }
        };
      })
  };
}

export function outlineSource(features: readonly PlanFeature[]): GeoJSONSourceSpecification {
  // `promoteId` lets hover and selection set feature state by the plan's own ids.
  return { type: 'geojson', data: outlineData(features), promoteId: 'id' };
}

const NEVER = 99;

/**
 * An outline's opacity or blur at each zoom, between `[crisp, faded]`: crisp up to the feature's
 * `fade_from`, faded one span later (the span over which a line's corridor takes over from the line).
 * Zoom stops must be literal, so the ramp is sampled at every zoom level and interpolated between.
 */
export function outlineFade([crisp, faded]: readonly [number, number], scale = 1): ExpressionSpecification {
  const span = Math.log2(CORRIDOR_FADE_PX[1] / CORRIDOR_FADE_PX[0]);
  const stops: unknown[] = [];
  for (let zoom = 4; zoom <= 22; zoom++) {
    const t = ['min', 1, ['max', 0, ['/', ['-', zoom, ['get', 'fade_from']], span]]];
    stops.push(zoom, ['+', crisp * scale, ['*', (faded - crisp) * scale, t]]);
  }
  return ['interpolate', ['linear'], ['zoom'], ...stops] as unknown as ExpressionSpecification;
}

const emphasised = [
  'any',
  ['boolean', ['feature-state', 'hover'], false],
  ['boolean', ['feature-state', 'selected'], false]
];

/** Width of the outlines at a text scale: thin, wider while the area is hovered or selected. */
export function outlineWidth(scale: number): ExpressionSpecification {
  return [
    'case',
    emphasised,
    SIZE.emphasisedLine * scale,
    ['in', ['get', 'kind'], ['literal', [...CONTEXT_KINDS]]],
    SIZE.contextOutline * scale,
    SIZE.outline * scale
  ] as unknown as ExpressionSpecification;
}

/** The outline layer: the area's colour (dark when selected), dashed by precision. */
export function outlineLayer(scale: number): LineLayerSpecification {
  return {
    id: OUTLINE_LAYER,
    type: 'line',
    source: OUTLINE_SOURCE,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': [
        'case',
        ['boolean', ['feature-state', 'selected'], false],
        cssColour(INK),
        ['get', 'colour']
      ],
      'line-width': outlineWidth(scale),
      // An uncertain outline softens as the zoom passes what its precision supports.
      'line-opacity': outlineFade(OUTLINE_FADE.opacity),
      'line-blur': outlineFade(OUTLINE_FADE.blur, scale),
      'line-dasharray': dashExpression()
    }
  };
}
