/**
 * Precision by scale, drawn by MapLibre: the band an uncertain line may lie in and the disc an uncertain
 * point may lie in, as one fill layer of polygons in metres (so they grow with the zoom), each in its
 * feature's colour. The layer is made translucent as a whole with `fill-layer-opacity`: MapLibre draws it
 * into a scratch buffer and lays that over the map once, so where bands and discs at full strength overlap
 * (railways sharing a route, points a few hundred metres apart) the overlap has the same opacity as a single
 * one instead of darkening with each layer of translucency, as deck.gl's per-feature alpha did.
 *
 * Each band or disc fades in on its own schedule, by its own width on screen (corridorAlpha): `fill-opacity`
 * holds a narrower one back (a 1 km disc is as wide as a 3 km one 1.6 zoom levels later) below the
 * layer's opacity, which is the schedule of the 3 km class (the indicative default, most bands and discs)
 * and so the ceiling: a 3 km band is drawn at fill-opacity 1, as before. Only while a narrower one is held
 * back (fill-opacity below 1) does an overlap with it add up; at 3 km and wider, and for every band once
 * it is as wide as a 3 km one was at full tint, overlaps stay one surface.
 *
 * A band is built as the union of its parts, which the layer's opacity makes unnecessary to compute: a
 * rectangle 2U wide along each segment and a disc of radius U at each vertex (round joins and caps). (All
 * bands in the data are 3 km; a narrower band would show its joins a little darker while held back.)
 */
import type {
  ExpressionSpecification,
  FillLayerSpecification,
  GeoJSONSourceSpecification
} from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { layerInfo } from '$lib/plan/layers';
import { featureColour } from './symbology';
import {
  CORRIDOR_ALPHA,
  CORRIDOR_CALM,
  CORRIDOR_FADE_PX,
  corridorAlpha,
  corridorMetres,
  corridorZoom,
  pointUncertaintyMetres
} from './symbology-scale';

export const UNCERTAINTY_SOURCE = 'plan-uncertainty';
export const UNCERTAINTY_LAYER = 'plan-uncertainty';

type Ring = [number, number][];

const METRES_PER_DEGREE = 111_320;
/** Sides of a disc: smooth at the sizes drawn (a 3 km disc is some 1,500 px across at zoom 15). */
const DISC_SIDES = 48;
const JOIN_SIDES = 16;

function disc([lon, lat]: readonly number[], metres: number, sides: number): Ring {
  const dLat = metres / METRES_PER_DEGREE;
  const dLon = dLat / Math.cos((lat! * Math.PI) / 180);
  const ring: Ring = [];
  for (let i = 0; i <= sides; i++) {
    // Counter-clockwise, closed.
    const a = ((i % sides) / sides) * 2 * Math.PI;
    ring.push([lon! + dLon * Math.cos(a), lat! + dLat * Math.sin(a)]);
  }
  return ring;
}

/** A rectangle `metres` each side of the segment a–b (in a local equirectangular frame). */
function segmentBand(a: readonly number[], b: readonly number[], metres: number): Ring | null {
  const k = Math.cos((a[1]! * Math.PI) / 180);
  const dx = (b[0]! - a[0]!) * k;
  const dy = b[1]! - a[1]!;
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const off = metres / METRES_PER_DEGREE / length;
  const [nx, ny] = [(-dy * off) / k, dx * off];
  return [
    [a[0]! + nx, a[1]! + ny],
    [a[0]! - nx, a[1]! - ny],
    [b[0]! - nx, b[1]! - ny],
    [b[0]! + nx, b[1]! + ny],
    [a[0]! + nx, a[1]! + ny]
  ];
}

/** The polygons (as rings) a line of `metres` uncertainty may lie in. */
export function bandRings(path: readonly (readonly number[])[], metres: number): Ring[] {
  const rings: Ring[] = path.map((p) => disc(p, metres, JOIN_SIDES));
  for (let i = 1; i < path.length; i++) {
    const band = segmentBand(path[i - 1]!, path[i]!, metres);
    if (band) rings.push(band);
  }
  return rings;
}

/** Qingdao's latitude, for turning metres into the zoom a band is so many pixels wide at. */
const LAT = 36.2;

/**
 * The bands of the uncertain lines and the discs of the uncertain points, each a MultiPolygon with the
 * feature's id and drawing colour.
 */
export function uncertaintyData(features: readonly PlanFeature[]): GeoJSON.FeatureCollection {
  const out: GeoJSON.Feature[] = [];
  for (const f of features) {
    const p = f.properties;
    const g = f.geometry;
    const colour = featureColour(p.color, p.kind.startsWith('metro-') ? null : layerInfo(p.layer)?.colour);
    let rings: Ring[] = [];
    let metres = 0;
    const line = corridorMetres(p, g);
    if (line > 0) {
      const paths = (
        g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []
      ) as number[][][];
      rings = paths.flatMap((path) => bandRings(path, line));
      metres = line;
    }
    const point = pointUncertaintyMetres(p, g);
    if (point > 0) {
      const points = (
        g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : []
      ) as number[][];
      rings = points.map((position) => disc(position, point, DISC_SIDES));
      metres = point;
    }
    if (rings.length > 0)
      out.push({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) },
        // `from`: the zoom at which it is CORRIDOR_FADE_PX[0] wide (at Qingdao's latitude for all, so
        // that every 3 km band follows the layer's ramp exactly).
        properties: { id: p.id, colour, uncertainty_m: metres, from: corridorZoom(metres, LAT) }
      });
  }
  return { type: 'FeatureCollection', features: out };
}

export function uncertaintySource(features: readonly PlanFeature[]): GeoJSONSourceSpecification {
  return { type: 'geojson', data: uncertaintyData(features) };
}

/** The uncertainty whose schedule is the layer's opacity: the indicative class default. */
const CEILING_METRES = 3000;
/** Zoom stops of the per-feature ramp (stops must be literal; interpolated linearly between). */
const STOPS = { from: 4, to: 20, step: 0.25 } as const;

/**
 * The layer: opaque colours inside, translucent as a whole. Its opacity is a 3 km band's tint at each zoom
 * (corridorAlpha of its width: faint while the line or dot is still drawn on it, full once the line has
 * faded, calmer once it is much wider than that); each feature's `fill-opacity` is its own tint over that
 * ceiling, 1 for a 3 km band or wider, less for a narrower one not yet as wide on screen.
 */
export function uncertaintyLayer(): FillLayerSpecification {
  const from = corridorZoom(CEILING_METRES, LAT);
  const ceiling = (zoom: number) => corridorAlpha(CORRIDOR_FADE_PX[0] * 2 ** (zoom - from)) / 255;
  const span = Math.log2(CORRIDOR_FADE_PX[1] / CORRIDOR_FADE_PX[0]);
  const calm = Math.log2(CORRIDOR_CALM.px / CORRIDOR_FADE_PX[0]);
  const stops: unknown[] = [];
  for (let zoom = STOPS.from; zoom <= STOPS.to; zoom += STOPS.step) {
    // The feature's rise (its own width on screen), over the ceiling. Past its own full width a narrower
    // band is as wide as a 3 km one was earlier and follows the ceiling's calm (the ratio caps at 1).
    const t = ['min', 1, ['max', 0, ['/', ['-', zoom, ['get', 'from']], span]]];
    const rise = ['+', CORRIDOR_ALPHA[0] / 255, ['*', (CORRIDOR_ALPHA[1] - CORRIDOR_ALPHA[0]) / 255, t]];
    stops.push(zoom, ['min', 1, ['/', rise, ceiling(zoom)]]);
  }
  return {
    id: UNCERTAINTY_LAYER,
    type: 'fill',
    source: UNCERTAINTY_SOURCE,
    paint: {
      'fill-color': ['get', 'colour'],
      'fill-antialias': false,
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], ...stops] as unknown as ExpressionSpecification,
      'fill-layer-opacity': [
        'interpolate',
        ['linear'],
        ['zoom'],
        from,
        CORRIDOR_ALPHA[0] / 255,
        from + span,
        CORRIDOR_ALPHA[1] / 255,
        from + calm,
        CORRIDOR_CALM.alpha / 255
      ]
    }
  };
}
