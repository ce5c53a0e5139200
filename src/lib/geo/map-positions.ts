/** A geometry with every position replaced by `pos(position)`, its structure kept (collections too). */
import type { Geometry, Position } from 'geojson';

export function mapPositions(g: Geometry, pos: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: pos(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(pos) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(pos)) } as Geometry;
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((p) => p.map((r) => r.map(pos))) };
    case 'GeometryCollection':
      return { type: g.type, geometries: g.geometries.map((child) => mapPositions(child, pos)) };
  }
}
