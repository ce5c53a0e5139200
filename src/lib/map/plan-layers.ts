/**
 * deck.gl layer factories for the plan's features. Pure: the same features and interaction state always
 * give layers with the same fixed ids, so deck.gl diffs them instead of rebuilding.
 */
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { PlanFeature } from '$lib/plan/schema';
import { hexToRgba, type Rgba } from './colour';

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
}

export interface StationDatum {
  id: string;
  position: [number, number];
  color: Rgba;
}

const FALLBACK_COLOUR = '#5b6770';

/** Splits plan features into the path and point data the metro layers draw. */
export function metroData(features: readonly PlanFeature[]): {
  lines: MetroLineDatum[];
  stations: StationDatum[];
} {
  const lines: MetroLineDatum[] = [];
  const stations: StationDatum[] = [];
  for (const feature of features) {
    const { id, kind, color } = feature.properties;
    const rgba = hexToRgba(color ?? FALLBACK_COLOUR);
    if (kind === 'metro-line' && feature.geometry.type === 'LineString') {
      lines.push({ id, path: feature.geometry.coordinates as [number, number][], color: rgba });
    } else if (kind === 'metro-station' && feature.geometry.type === 'Point') {
      stations.push({ id, position: feature.geometry.coordinates as [number, number], color: rgba });
    }
  }
  return { lines, stations };
}

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
      data: data.lines,
      getPath: (d) => d.path,
      getColor: (d) => d.color,
      getWidth: (d) => (emphasised(d.id) ? 7 : 4) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
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
