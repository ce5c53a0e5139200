/**
 * deck.gl layer factories for the plan's features. Pure: the same data and interaction state always give
 * layers with the same fixed ids, and the data arrays are built once per feature set (`planData`), never
 * per hover, so deck.gl only recomputes the attributes an update trigger names (widths and colours of
 * the hovered and selected feature) instead of every attribute of every layer.
 *
 * Area outlines are not here: MapLibre draws them in the same canvas (see plan-outlines.ts for why); nor
 * are the bands and discs of uncertain lines and points (plan-uncertainty.ts: their overlaps must not
 * darken, which needs a layer made translucent as a whole).
 */
import { corridorMetres, corridorZoom, lineFade } from './symbology-scale';
import { FlatScatterplotLayer, FlatSolidPolygonLayer } from './flat-layers';
import type { Layer, Position } from '@deck.gl/core';
import type { PlanFeature } from '$lib/plan/schema';
import { DashedPathLayer } from './dashed-path-layer';
import { layerInfo } from '$lib/plan/layers';
import {
  CASING,
  EMPHASIS_FILL_ALPHA,
  HALO,
  INK,
  NOT_RUNNING_DASH,
  PRECISION_DASH,
  SELECTED_CASING,
  SIZE,
  WHITE,
  featureColour,
  fillAlpha,
  hexToRgba,
  type Precision,
  type Rgba
} from './symbology';

export interface InteractionState {
  hoveredId: string | null;
  selectedId: string | null;
  /** Multiplier for widths and radii, so lines stay legible on large screens. */
  scale: number;
}

/** Where the layers go among the basemap's: fills under the outlines, the rest under the labels. */
export interface Placement {
  /** MapLibre layer the area fills (and users' layers) are drawn beneath: the area outlines. */
  fillsBefore: string;
  /** MapLibre layer every other plan layer is drawn beneath: the basemap's first label layer. */
  linesBefore: string;
}

export interface AreaDatum {
  id: string;
  polygon: Position[][];
  fill: Rgba;
}

export interface PathDatum {
  id: string;
  path: Position[];
  color: Rgba;
  dash: [number, number];
  /** Positional uncertainty in metres (0: drawn as a line at every zoom). */
  uncertainty: number;
  /** The zoom from which the line's uncertainty corridor is wide enough to take over (see corridorZoom). */
  corridorFrom: number;
  /** The zoom from which the line itself fades (Infinity: never). */
  fadeFrom: number;
}

export interface PointDatum {
  id: string;
  position: Position;
  color: Rgba;
  precision: Precision;
}

export interface StationDatum {
  id: string;
  position: Position;
  color: Rgba;
}

/** Everything the plan layers draw, split once per feature set; the arrays keep their identity. */
export interface PlanData {
  areas: AreaDatum[];
  lines: PathDatum[];
  points: PointDatum[];
  halos: PointDatum[];
  metroLines: PathDatum[];
  metroRunning: PathDatum[];
  metroNotRunning: PathDatum[];
  stations: StationDatum[];
}

/** Kinds drawn by the metro layers rather than the general plan layers. */
export const METRO_KINDS: ReadonlySet<string> = new Set(['metro-line', 'metro-station']);

const SOLID: [number, number] = [0, 0];

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(sum / 2);
}

const fadeFrom = (path: readonly Position[], metres: number) =>
  metres > 0 ? corridorZoom(metres, path[0]?.[1] ?? 36) : Infinity;

/** Splits plan features into the data each layer draws, coloured and dashed by the symbology. */
export function planData(features: readonly PlanFeature[]): PlanData {
  const areas: (AreaDatum & { size: number })[] = [];
  const data: PlanData = {
    areas: [],
    lines: [],
    points: [],
    halos: [],
    metroLines: [],
    metroRunning: [],
    metroNotRunning: [],
    stations: []
  };
  for (const feature of features) {
    const p = feature.properties;
    const g = feature.geometry;
    const colour = hexToRgba(
      featureColour(p.color, METRO_KINDS.has(p.kind) ? null : layerInfo(p.layer)?.colour)
    );
    if (p.kind === 'metro-line' && g.type === 'LineString') {
      const running = p.status === 'operating';
      const path = g.coordinates as unknown as Position[];
      const uncertainty = corridorMetres(p, g);
      const datum = {
        id: p.id,
        path,
        color: colour,
        dash: SOLID,
        uncertainty,
        corridorFrom: fadeFrom(path, uncertainty),
        // A metro sketch keeps its line (dashed: not running yet) over its corridor; its stations are known.
        fadeFrom: Infinity
      };
      data.metroLines.push(datum);
      (running ? data.metroRunning : data.metroNotRunning).push(datum);
      continue;
    }
    if (p.kind === 'metro-station' && g.type === 'Point') {
      data.stations.push({ id: p.id, position: g.coordinates as unknown as Position, color: colour });
      continue;
    }
    if (METRO_KINDS.has(p.kind)) continue;
    // GeoJSON positions are deck.gl positions; the casts only narrow number[] to deck's tuple type.
    const polygons = (g.type === 'Polygon'
      ? [g.coordinates]
      : g.type === 'MultiPolygon'
        ? g.coordinates
        : []) as unknown as Position[][][];
    for (const polygon of polygons) {
      const fill: Rgba = [colour[0], colour[1], colour[2], fillAlpha(p.precision, p.kind)];
      areas.push({ id: p.id, polygon, fill, size: ringArea(polygon[0] ?? []) });
    }
    const lines = (g.type === 'LineString'
      ? [g.coordinates]
      : g.type === 'MultiLineString'
        ? g.coordinates
        : []) as unknown as Position[][];
    const dash = PRECISION_DASH[p.precision];
    const uncertainty = corridorMetres(p, g);
    for (const path of lines)
      data.lines.push({
        id: p.id,
        path,
        color: colour,
        dash: dash ? [...dash] : SOLID,
        uncertainty,
        corridorFrom: fadeFrom(path, uncertainty),
        fadeFrom: fadeFrom(path, uncertainty)
      });
    const points = (g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'MultiPoint'
        ? g.coordinates
        : []) as unknown as Position[];
    for (const position of points) {
      const datum = { id: p.id, position, color: colour, precision: p.precision };
      data.points.push(datum);
      if (p.precision !== 'surveyed') data.halos.push(datum);
    }
  }
  // Larger areas first, so smaller ones inside them stay visible and clickable on top.
  areas.sort((a, b) => b.size - a.size);
  data.areas = areas.map(({ id, polygon, fill }) => ({ id, polygon, fill }));
  return data;
}

/**
 * `beforeId`: the MapLibre layer a deck.gl layer is drawn beneath in interleaved mode. @deck.gl/maplibre
 * reads it from the layer's props, which deck.gl's own prop types do not declare.
 */
export function before(id: string): object {
  return { beforeId: id };
}

/** What a layer nobody picks adds to share its kind's vertex layout with the pickable ones (planLayers). */
const SHARED_LAYOUT = { highlightedObjectIndex: -1 };

/**
 * The plan's deck.gl layers, bottom to top: area fills (beneath MapLibre's outlines), lines dashed by
 * precision, halos marking approximate and indicative points, points, then the metro (casing, lines,
 * dashed lines not yet running, stations), all beneath the basemap's labels.
 *
 * Every path is a DashedPathLayer, the solid ones with its default solid pattern, so that all paths share
 * one shader program: a program is compiled at its first draw, and in software WebGL (SwiftShader, as on
 * machines without a GPU) each costs a few hundred milliseconds before the map settles.
 *
 * Layers of one kind also share one vertex layout, because software WebGL compiles a pipeline for each
 * layout at its first draw (130–470 ms each): every per-feature value comes from a function, never a
 * constant (deck.gl gives a constant no buffer), and each layer keeps a picking buffer, the layers nobody
 * picks through `highlightedObjectIndex: -1` (nothing highlighted). `SHARED_LAYOUT` above.
 */
export function planLayers(data: PlanData, state: InteractionState, placement: Placement, zoom = 0): Layer[] {
  const { hoveredId, selectedId, scale } = state;
  // A line fades out as its corridor widens: at street zooms a sketch shows as the band it may lie in.
  const faded = (d: PathDatum, colour: Rgba): Rgba =>
    d.id === selectedId ? colour : [colour[0], colour[1], colour[2], colour[3] * lineFade(zoom, d.fadeFrom)];
  const fadeTrigger = Math.round(zoom * 8) / 8;
  const emphasised = (id: string) => id === hoveredId || id === selectedId;
  const trigger = [hoveredId, selectedId, scale];
  const top = placement.linesBefore;
  return [
    new FlatSolidPolygonLayer<AreaDatum>({
      id: 'plan-areas',
      ...before(placement.fillsBefore),
      data: data.areas,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) =>
        emphasised(d.id) ? [d.fill[0], d.fill[1], d.fill[2], d.fill[3] + EMPHASIS_FILL_ALPHA] : d.fill,
      pickable: true,
      updateTriggers: { getFillColor: [hoveredId, selectedId] }
    }),
    new DashedPathLayer<PathDatum>({
      id: 'plan-lines',
      ...before(top),
      data: data.lines,
      getPath: (d) => d.path,
      getColor: (d) => (d.id === selectedId ? INK : faded(d, d.color)),
      getWidth: (d) => (emphasised(d.id) ? SIZE.emphasisedLine : SIZE.line) * scale,
      widthUnits: 'pixels',
      getDashArray: (d) => d.dash,
      pickable: true,
      updateTriggers: { getColor: [selectedId, fadeTrigger], getWidth: trigger }
    }),
    new FlatScatterplotLayer<PointDatum>({
      id: 'plan-point-halos',
      ...before(top),
      ...SHARED_LAYOUT,
      // Not stroked; a function only so that its layout is the points' (see planLayers).
      getLineColor: (d) => d.color,
      data: data.halos,
      getPosition: (d) => d.position,
      getFillColor: (d) => {
        const halo = HALO[d.precision === 'indicative' ? 'indicative' : 'approximate'];
        return [d.color[0], d.color[1], d.color[2], halo.alpha];
      },
      getRadius: (d) => HALO[d.precision === 'indicative' ? 'indicative' : 'approximate'].radius * scale,
      radiusUnits: 'pixels',
      pickable: false,
      updateTriggers: { getRadius: [scale] }
    }),
    new FlatScatterplotLayer<PointDatum>({
      id: 'plan-points',
      ...before(top),
      data: data.points,
      getPosition: (d) => d.position,
      getFillColor: (d) => d.color,
      getLineColor: (d) => (d.id === selectedId ? INK : WHITE),
      getRadius: (d) => (emphasised(d.id) ? SIZE.emphasisedPoint : SIZE.point) * scale,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: SIZE.pointStroke * scale,
      pickable: true,
      updateTriggers: { getLineColor: [selectedId], getRadius: trigger, getLineWidth: [scale] }
    }),
    new DashedPathLayer<PathDatum>({
      id: 'metro-lines-casing',
      ...before(top),
      ...SHARED_LAYOUT,
      getDashArray: () => SOLID,
      data: data.metroLines,
      getPath: (d) => d.path,
      getColor: (d) => (d.id === selectedId ? SELECTED_CASING : faded(d, CASING)),
      getWidth: (d) => (emphasised(d.id) ? SIZE.emphasisedCasing : SIZE.casing) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getColor: [selectedId, fadeTrigger], getWidth: trigger }
    }),
    new DashedPathLayer<PathDatum>({
      id: 'metro-lines',
      ...before(top),
      getDashArray: () => SOLID,
      data: data.metroRunning,
      getPath: (d) => d.path,
      getColor: (d) => d.color,
      getWidth: (d) => (emphasised(d.id) ? SIZE.emphasisedMetro : SIZE.metro) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      pickable: true,
      updateTriggers: { getWidth: trigger }
    }),
    // Dashes say "not running yet". A layer of its own because the dashes are drawn with square caps and
    // joints (gaps on rounded ones would not show), and the running lines keep their rounded ones.
    new DashedPathLayer<PathDatum>({
      id: 'metro-lines-not-running',
      ...before(top),
      data: data.metroNotRunning,
      getPath: (d) => d.path,
      getColor: (d) => faded(d, d.color),
      getDashArray: () => NOT_RUNNING_DASH,
      getWidth: (d) => (emphasised(d.id) ? SIZE.emphasisedMetro : SIZE.metro) * scale,
      widthUnits: 'pixels',
      pickable: true,
      updateTriggers: { getColor: [selectedId, fadeTrigger], getWidth: trigger }
    }),
    new FlatScatterplotLayer<StationDatum>({
      id: 'metro-stations',
      ...before(top),
      data: data.stations,
      getPosition: (d) => d.position,
      getFillColor: (d) => (emphasised(d.id) ? d.color : WHITE),
      getLineColor: (d) => (d.id === selectedId ? INK : d.color),
      // Sized in metres so stations stay small dots on the city view and grow as one zooms in.
      getRadius: (d) => (emphasised(d.id) ? SIZE.emphasisedStationMetres : SIZE.stationMetres),
      radiusUnits: 'meters',
      radiusMinPixels: SIZE.stationMinPixels * scale,
      radiusMaxPixels: SIZE.stationMaxPixels * scale,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: SIZE.stationStroke * scale,
      pickable: true,
      updateTriggers: {
        getFillColor: [hoveredId, selectedId],
        getLineColor: [selectedId],
        getRadius: [hoveredId, selectedId],
        getLineWidth: [scale]
      }
    })
  ];
}
