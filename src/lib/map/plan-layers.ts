/**
 * deck.gl layer factories for the plan's features. Pure: the same features and interaction state always
 * give layers with the same fixed ids, so deck.gl diffs them instead of rebuilding.
 */
import { GeoJsonLayer, PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer, Position } from '@deck.gl/core';
import type { PlanFeature } from '$lib/plan/schema';
import { layerInfo } from '$lib/plan/layers';
import { hexToRgba, UNCOLOURED_LINE, type Rgba } from './colour';

export interface InteractionState {
  hoveredId: string | null;
  selectedId: string | null;
  /** Multiplier for widths and radii, so lines stay legible on large screens. */
  scale: number;
}

export interface MetroLineDatum {
  id: string;
  path: [number, number][];
  color: Rgba;
  /** Lines not yet in operation are drawn dashed. */
  operating: boolean;
}

export interface StationDatum {
  id: string;
  position: [number, number];
  color: Rgba;
}

/** Splits plan features into the path and point data the metro layers draw. */
export function metroData(features: readonly PlanFeature[]): {
  lines: MetroLineDatum[];
  stations: StationDatum[];
} {
  const lines: MetroLineDatum[] = [];
  const stations: StationDatum[] = [];
  for (const feature of features) {
    const { id, kind, color } = feature.properties;
    const rgba = hexToRgba(color ?? UNCOLOURED_LINE);
    if (kind === 'metro-line' && feature.geometry.type === 'LineString') {
      const operating = feature.properties.status === 'operating';
      lines.push({ id, path: feature.geometry.coordinates as [number, number][], color: rgba, operating });
    } else if (kind === 'metro-station' && feature.geometry.type === 'Point') {
      stations.push({ id, position: feature.geometry.coordinates as [number, number], color: rgba });
    }
  }
  return { lines, stations };
}

const DASH = new PathStyleExtension({ dash: true });

/** The metro layers: white casing, coloured lines, then stations on top, all pickable but the casing. */
export function metroLayers(data: ReturnType<typeof metroData>, state: InteractionState): Layer[] {
  const { hoveredId, selectedId, scale } = state;
  const emphasised = (id: string) => id === hoveredId || id === selectedId;
  return [
    new PathLayer<MetroLineDatum>({
      id: 'metro-lines-casing',
      data: data.lines,
      getPath: (d) => d.path,
      getColor: (d) => (d.id === selectedId ? [17, 24, 39, 230] : [255, 255, 255, 235]),
      getWidth: (d) => (emphasised(d.id) ? 11 : 7) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getColor: [selectedId], getWidth: [hoveredId, selectedId, scale] }
    }),
    new PathLayer<MetroLineDatum>({
      id: 'metro-lines',
      data: data.lines.filter((d) => d.operating),
      getPath: (d) => d.path,
      getColor: (d) => d.color,
      getWidth: (d) => (emphasised(d.id) ? 7 : 4) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      pickable: true,
      updateTriggers: { getWidth: [hoveredId, selectedId, scale] }
    }),
    // Dashes say "not running yet": under construction or planned. A layer of its own because deck.gl's
    // dash extension draws no gaps on rounded caps and joints, which the running lines keep.
    new PathLayer<MetroLineDatum, PathStyleExtensionProps<MetroLineDatum>>({
      id: 'metro-lines-not-running',
      data: data.lines.filter((d) => !d.operating),
      getPath: (d) => d.path,
      getColor: (d) => d.color,
      getDashArray: [3, 1.5],
      dashJustified: true,
      extensions: [DASH],
      getWidth: (d) => (emphasised(d.id) ? 7 : 4) * scale,
      widthUnits: 'pixels',
      pickable: true,
      updateTriggers: { getWidth: [hoveredId, selectedId, scale] }
    }),
    new ScatterplotLayer<StationDatum>({
      id: 'metro-stations',
      data: data.stations,
      getPosition: (d) => d.position,
      getFillColor: (d) => (emphasised(d.id) ? d.color : [255, 255, 255, 255]),
      getLineColor: (d) => (d.id === selectedId ? [17, 24, 39, 255] : d.color),
      // Sized in metres so stations stay small dots on the city view and grow as one zooms in.
      getRadius: (d) => (emphasised(d.id) ? 160 : 90),
      radiusUnits: 'meters',
      radiusMinPixels: 2 * scale,
      radiusMaxPixels: 7 * scale,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.6 * scale,
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

/** Kinds drawn by the metro layers rather than the general plan layers. */
export const METRO_KINDS = new Set(['metro-line', 'metro-station']);

export interface AreaDatum {
  id: string;
  polygon: Position[][];
  fill: Rgba;
  outline: Rgba;
  precision: PlanFeature['properties']['precision'];
}

export interface PathDatum {
  id: string;
  path: Position[];
  color: Rgba;
  precision: PlanFeature['properties']['precision'];
  /** True for outlines of areas, which are not picked themselves (the area's fill is). */
  outline: boolean;
}

export interface PointDatum {
  id: string;
  position: Position;
  color: Rgba;
  precision: PlanFeature['properties']['precision'];
}

/** Water bodies already show as water on the basemap: they get a faint wash, not a fill that reads as land. */
const WATER_KINDS = new Set(['bay', 'river', 'reservoir', 'sea-area', 'wetland']);
const WATER_ALPHA = 14;

/** Dash pattern by precision: surveyed solid, approximate long dashes, indicative short dashes. */
export function dashFor(precision: PlanFeature['properties']['precision']): [number, number] {
  return precision === 'surveyed' ? [0, 0] : precision === 'approximate' ? [6, 2] : [2, 2];
}

/** Fill opacity by precision: an indicative outline must never look as solid as a surveyed one. */
export function fillAlphaFor(precision: PlanFeature['properties']['precision']): number {
  return precision === 'surveyed' ? 72 : precision === 'approximate' ? 46 : 24;
}

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(sum / 2);
}

/** Splits the non-metro plan features into areas, paths and points, coloured by their layer. */
export function planData(features: readonly PlanFeature[]): {
  areas: AreaDatum[];
  paths: PathDatum[];
  points: PointDatum[];
} {
  const areas: (AreaDatum & { size: number })[] = [];
  const paths: PathDatum[] = [];
  const points: PointDatum[] = [];
  for (const feature of features) {
    const p = feature.properties;
    if (METRO_KINDS.has(p.kind)) continue;
    const base = hexToRgba(p.color ?? layerInfo(p.layer)?.colour ?? UNCOLOURED_LINE);
    const { precision } = p;
    const g = feature.geometry;
    // GeoJSON positions are deck.gl positions; the casts only narrow number[] to deck's tuple type.
    const polygons = (g.type === 'Polygon'
      ? [g.coordinates]
      : g.type === 'MultiPolygon'
        ? g.coordinates
        : []) as unknown as Position[][][];
    for (const polygon of polygons) {
      const alpha = WATER_KINDS.has(p.kind) ? WATER_ALPHA : fillAlphaFor(precision);
      const fill: Rgba = [base[0], base[1], base[2], alpha];
      areas.push({ id: p.id, polygon, fill, outline: base, precision, size: ringArea(polygon[0] ?? []) });
      for (const ring of polygon) paths.push({ id: p.id, path: ring, color: base, precision, outline: true });
    }
    const lines = (g.type === 'LineString'
      ? [g.coordinates]
      : g.type === 'MultiLineString'
        ? g.coordinates
        : []) as unknown as Position[][];
    for (const line of lines) paths.push({ id: p.id, path: line, color: base, precision, outline: false });
    const pts = (g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'MultiPoint'
        ? g.coordinates
        : []) as unknown as Position[];
    for (const position of pts) points.push({ id: p.id, position, color: base, precision });
  }
  // Larger areas first, so smaller ones inside them stay visible and clickable on top.
  areas.sort((a, b) => b.size - a.size);
  return { areas, paths, points };
}

/**
 * The general plan layers, bottom to top: area fills, area outlines and lines (dashed by precision),
 * halos marking approximate and indicative points, then the points.
 */
export function planLayers(data: ReturnType<typeof planData>, state: InteractionState): Layer[] {
  const { hoveredId, selectedId, scale } = state;
  const emphasised = (id: string) => id === hoveredId || id === selectedId;
  const trigger = [hoveredId, selectedId, scale];
  return [
    new SolidPolygonLayer<AreaDatum>({
      id: 'plan-areas',
      data: data.areas,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => (emphasised(d.id) ? [d.fill[0], d.fill[1], d.fill[2], d.fill[3] + 60] : d.fill),
      pickable: true,
      updateTriggers: { getFillColor: trigger }
    }),
    new PathLayer<PathDatum, PathStyleExtensionProps<PathDatum>>({
      id: 'plan-paths',
      data: data.paths,
      getPath: (d) => d.path,
      getColor: (d) => (d.id === selectedId ? [17, 24, 39, 255] : d.color),
      getWidth: (d) => (emphasised(d.id) ? 4.5 : d.outline ? 1.8 : 3) * scale,
      widthUnits: 'pixels',
      getDashArray: (d) => dashFor(d.precision),
      dashJustified: true,
      extensions: [DASH],
      // Lines are picked here; areas are picked by their fill.
      pickable: true,
      updateTriggers: { getColor: [selectedId], getWidth: trigger }
    }),
    new ScatterplotLayer<PointDatum>({
      id: 'plan-point-halos',
      data: data.points.filter((d) => d.precision !== 'surveyed'),
      getPosition: (d) => d.position,
      getFillColor: (d) => [d.color[0], d.color[1], d.color[2], d.precision === 'indicative' ? 45 : 70],
      // The halo's size says how uncertain the position is.
      getRadius: (d) => (d.precision === 'indicative' ? 16 : 11) * scale,
      radiusUnits: 'pixels',
      pickable: false,
      updateTriggers: { getRadius: [scale] }
    }),
    new ScatterplotLayer<PointDatum>({
      id: 'plan-points',
      data: data.points,
      getPosition: (d) => d.position,
      getFillColor: (d) => d.color,
      getLineColor: (d) => (d.id === selectedId ? [17, 24, 39, 255] : [255, 255, 255, 255]),
      getRadius: (d) => (emphasised(d.id) ? 7.5 : 5) * scale,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 * scale,
      pickable: true,
      updateTriggers: { getLineColor: [selectedId], getRadius: trigger, getLineWidth: [scale] }
    })
  ];
}

export interface UserLayer {
  id: string;
  data: GeoJSON.FeatureCollection;
  color: Rgba;
}

/** Draws a user's own GeoJSON (points, lines, areas) in one colour, below the plan's layers. */
export function userDataLayer(layer: UserLayer, scale: number): Layer {
  const [r, g, b] = layer.color;
  return new GeoJsonLayer({
    id: `user-${layer.id}`,
    data: layer.data,
    filled: true,
    stroked: true,
    getFillColor: [r, g, b, 70],
    getLineColor: [r, g, b, 230],
    getLineWidth: 2 * scale,
    lineWidthUnits: 'pixels',
    pointType: 'circle',
    getPointRadius: 3 * scale,
    pointRadiusUnits: 'pixels',
    pickable: false
  });
}
