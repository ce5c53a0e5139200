/**
 * Precision by scale, drawn by MapLibre: the band an uncertain line may lie in and the disc an uncertain
 * point may lie in, as one fill layer of polygons in metres (so they grow with the zoom), each in its
 * feature's colour, made translucent as a whole with `fill-layer-opacity`. MapLibre draws such a layer into
 * a scratch buffer and lays it over the map once, so where bands and discs overlap (railways sharing a
 * route, points a few hundred metres apart) the overlap has the same opacity as a single one instead of
 * darkening with each layer of translucency, as deck.gl's per-feature alpha did.
 *
 * A band is built as the union of its parts, which the layer's opacity makes unnecessary to compute: a
 * rectangle 2U wide along each segment and a disc of radius U at each vertex (round joins and caps).
 */
import type { FillLayerSpecification, GeoJSONSourceSpecification } from 'maplibre-gl';
import type { PlanFeature } from '$lib/plan/schema';
import { layerInfo } from '$lib/plan/layers';
import { featureColour } from './symbology';
import {
  CORRIDOR_ALPHA,
  CORRIDOR_FADE_PX,
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
    const line = corridorMetres(p, g);
    if (line > 0) {
      const paths = (
        g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []
      ) as number[][][];
      rings = paths.flatMap((path) => bandRings(path, line));
    }
    const point = pointUncertaintyMetres(p, g);
    if (point > 0) {
      const points = (
        g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : []
      ) as number[][];
      rings = points.map((position) => disc(position, point, DISC_SIDES));
    }
    if (rings.length > 0)
      out.push({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) },
        properties: { id: p.id, colour }
      });
  }
  return { type: 'FeatureCollection', features: out };
}

export function uncertaintySource(features: readonly PlanFeature[]): GeoJSONSourceSpecification {
  return { type: 'geojson', data: uncertaintyData(features) };
}

/** Qingdao's latitude, for turning the class default's metres into the zoom its band is wide at. */
const LAT = 36.2;

/**
 * The layer: opaque colours inside, translucent as a whole. Faint while the band or disc is narrow (the
 * line or point still drawn on it), stronger once it is CORRIDOR_FADE_PX wide and the line has faded. One
 * layer has one opacity, so the ramp follows the indicative class default (3 km, most of the bands); an
 * approximate band (1 km) reaches its full opacity about 1.6 zoom levels before its line has faded.
 */
export function uncertaintyLayer(metres = 3000): FillLayerSpecification {
  const from = corridorZoom(metres, LAT);
  const to = from + Math.log2(CORRIDOR_FADE_PX[1] / CORRIDOR_FADE_PX[0]);
  return {
    id: UNCERTAINTY_LAYER,
    type: 'fill',
    source: UNCERTAINTY_SOURCE,
    paint: {
      'fill-color': ['get', 'colour'],
      'fill-antialias': false,
      'fill-layer-opacity': [
        'interpolate',
        ['linear'],
        ['zoom'],
        from,
        CORRIDOR_ALPHA[0] / 255,
        to,
        CORRIDOR_ALPHA[1] / 255
      ]
    }
  };
}
