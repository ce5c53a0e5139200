/**
 * Drawing on the map for area questions and measuring, with terra-draw through its MapLibre adapter: a
 * polygon (click each corner, click the first again or press Enter), a circle (click the centre, then the
 * edge), a path to measure (click each point, click the last again or press Enter). Escape cancels a shape
 * being drawn. The area asked about (drawn, a district or a user's polygon) is then shown in a MapLibre
 * source of its own, beneath the plan's layers, and terra-draw's store is emptied.
 *
 * terra-draw adds its own MapLibre sources and layers above everything (the plan's deck.gl layers are
 * interleaved among MapLibre's, beneath the labels) and listens to the map's canvas; while it draws, the map
 * page ignores clicks for selecting plan features (MapState.drawing). Loaded only when the area tool opens.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  type GeoJSONStoreFeatures
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { AreaGeometry } from '$lib/geo/area-query';

export type DrawMode = 'polygon' | 'circle' | 'linestring';

export const AREA_SOURCE = 'area-query';
const AREA_COLOUR = '#c2410c';

export interface DrawnShape {
  mode: DrawMode;
  geometry: GeoJSON.Polygon | GeoJSON.LineString;
  /** A circle's centre and radius, as drawn. */
  circle?: { center: [number, number]; radiusKm: number };
}

export interface AreaDrawCallbacks {
  /** A shape was finished. */
  onFinish: (shape: DrawnShape) => void;
  /** The shape being drawn changed (a corner added, the pointer moved): for live measuring. */
  onChange: (shape: DrawnShape | null) => void;
}

function shapeOf(feature: GeoJSONStoreFeatures | undefined): DrawnShape | null {
  if (!feature) return null;
  const mode = feature.properties.mode as DrawMode;
  const geometry = feature.geometry;
  if (geometry.type !== 'Polygon' && geometry.type !== 'LineString') return null;
  const shape: DrawnShape = { mode, geometry: geometry as DrawnShape['geometry'] };
  const radius = feature.properties.radiusKilometers;
  if (mode === 'circle' && typeof radius === 'number') {
    // terra-draw's circle is a ring of points around its centre: the centre is the mean of its vertices.
    const ring = (geometry as GeoJSON.Polygon).coordinates[0]!.slice(0, -1);
    const center: [number, number] = [
      ring.reduce((sum, p) => sum + p[0]!, 0) / ring.length,
      ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length
    ];
    shape.circle = { center, radiusKm: radius };
  }
  return shape;
}

export class AreaDraw {
  private readonly draw: TerraDraw;
  private mode: DrawMode | null = null;
  private readonly onChange: () => void;
  private readonly onFinishEvent: (id: string | number) => void;

  constructor(
    private readonly map: MapLibreMap,
    callbacks: AreaDrawCallbacks
  ) {
    const outline = { outlineColor: AREA_COLOUR, fillColor: AREA_COLOUR, fillOpacity: 0.12 } as const;
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'area-draw' }),
      modes: [
        new TerraDrawPolygonMode({
          styles: {
            ...outline,
            outlineWidth: 2,
            closingPointColor: AREA_COLOUR,
            coordinatePointColor: AREA_COLOUR
          }
        }),
        new TerraDrawCircleMode({ drawInteraction: 'click-move', styles: { ...outline, outlineWidth: 2 } }),
        new TerraDrawLineStringMode({
          styles: { lineStringColor: AREA_COLOUR, lineStringWidth: 3, closingPointColor: AREA_COLOUR }
        })
      ]
    });
    this.draw.start();
    this.onChange = () => {
      const drawing = this.draw.getSnapshot().find((f) => f.properties.mode === this.mode);
      callbacks.onChange(shapeOf(drawing));
    };
    this.onFinishEvent = (id) => {
      const shape = shapeOf(this.draw.getSnapshotFeature(id));
      if (shape) callbacks.onFinish(shape);
    };
    this.draw.on('change', this.onChange);
    this.draw.on('finish', this.onFinishEvent);
    if (!map.getSource(AREA_SOURCE)) {
      map.addSource(AREA_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      // Beneath the district labels, so beneath the plan's lines and points drawn before them.
      const before = map.getLayer('district-label') ? 'district-label' : undefined;
      map.addLayer(
        {
          id: `${AREA_SOURCE}-fill`,
          type: 'fill',
          source: AREA_SOURCE,
          paint: { 'fill-color': AREA_COLOUR, 'fill-opacity': 0.08 }
        },
        before
      );
      map.addLayer(
        {
          id: `${AREA_SOURCE}-line`,
          type: 'line',
          source: AREA_SOURCE,
          paint: { 'line-color': AREA_COLOUR, 'line-width': 2.5, 'line-dasharray': [3, 1.5] }
        },
        before
      );
    }
  }

  /** Starts drawing a new shape (any earlier drawn one is cleared), or stops with null. */
  start(mode: DrawMode | null): void {
    this.draw.clear();
    this.mode = mode;
    this.draw.setMode(mode ?? 'static');
  }

  /** Stops drawing and keeps what was drawn on the map (a measurement). */
  stopKeeping(): void {
    this.mode = null;
    this.draw.setMode('static');
  }

  get drawing(): DrawMode | null {
    return this.mode;
  }

  /** Empties terra-draw's store (the shapes it shows) and stops drawing. */
  clear(): void {
    this.start(null);
  }

  /** Shows the area asked about (or nothing), and brings it into view when asked. */
  showArea(geometry: AreaGeometry | null, fit = false): void {
    const source = this.map.getSource<GeoJSONSource>(AREA_SOURCE);
    source?.setData({
      type: 'FeatureCollection',
      features: geometry ? [{ type: 'Feature', properties: {}, geometry }] : []
    });
    if (geometry && fit) {
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
      for (const ring of rings)
        for (const [x, y] of ring) {
          w = Math.min(w, x!);
          s = Math.min(s, y!);
          e = Math.max(e, x!);
          n = Math.max(n, y!);
        }
      this.map.fitBounds(
        [
          [w, s],
          [e, n]
        ],
        { padding: 40, maxZoom: 15, duration: 600 }
      );
    }
  }

  destroy(): void {
    this.draw.off('change', this.onChange);
    this.draw.off('finish', this.onFinishEvent);
    this.draw.stop();
    if (this.map.getLayer(`${AREA_SOURCE}-fill`)) this.map.removeLayer(`${AREA_SOURCE}-fill`);
    if (this.map.getLayer(`${AREA_SOURCE}-line`)) this.map.removeLayer(`${AREA_SOURCE}-line`);
    if (this.map.getSource(AREA_SOURCE)) this.map.removeSource(AREA_SOURCE);
  }
}
