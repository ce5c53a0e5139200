/**
 * A user's own GeoJSON as flat binary arrays, the form deck.gl draws large data from without a JavaScript
 * object per feature: one Float64Array of positions per geometry family, with the index where each path or
 * polygon starts. Pure, so it runs in a worker (user-data.worker.ts) off the main thread and in tests.
 */

export interface BinaryPaths {
  /** Number of paths (or polygons). */
  length: number;
  /** Vertex index where each path starts. */
  startIndices: Uint32Array;
  /** `[lon, lat]` pairs, WGS-84. */
  positions: Float64Array;
}

export interface BinaryUserData {
  points: { length: number; positions: Float64Array };
  /** Lines, and the rings of polygons (their outlines). */
  paths: BinaryPaths;
  /** Polygons' outer rings, filled. Holes are outlined (in `paths`) but not cut out of the fill. */
  polygons: BinaryPaths;
  /** Features read, and those skipped for a missing or unsupported geometry. */
  features: number;
  skipped: number;
}

class Growable {
  private array = new Float64Array(1024);
  length = 0;
  push(x: number, y: number): void {
    if (this.length + 2 > this.array.length) {
      const next = new Float64Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = x;
    this.array[this.length++] = y;
  }
  get vertices(): number {
    return this.length / 2;
  }
  done(): Float64Array {
    return this.array.slice(0, this.length);
  }
}

function pathsOf(): { add: (line: readonly GeoJSON.Position[]) => void; done: () => BinaryPaths } {
  const positions = new Growable();
  const starts: number[] = [];
  return {
    add(line) {
      if (line.length < 2) return;
      starts.push(positions.vertices);
      for (const [x, y] of line) positions.push(x!, y!);
    },
    done: () => ({
      length: starts.length,
      startIndices: Uint32Array.from(starts),
      positions: positions.done()
    })
  };
}

/** Converts a FeatureCollection (any mix of points, lines and polygons, multi or not) to binary arrays. */
export function toBinary(collection: GeoJSON.FeatureCollection): BinaryUserData {
  const points = new Growable();
  const paths = pathsOf();
  const polygons = pathsOf();
  let skipped = 0;
  const addPolygon = (rings: readonly (readonly GeoJSON.Position[])[]) => {
    if (rings[0]) polygons.add(rings[0]);
    for (const ring of rings) paths.add(ring);
  };
  const visit = (g: GeoJSON.Geometry | null): boolean => {
    if (!g) return false;
    switch (g.type) {
      case 'Point':
        points.push(g.coordinates[0]!, g.coordinates[1]!);
        return true;
      case 'MultiPoint':
        for (const [x, y] of g.coordinates) points.push(x!, y!);
        return true;
      case 'LineString':
        paths.add(g.coordinates);
        return true;
      case 'MultiLineString':
        for (const line of g.coordinates) paths.add(line);
        return true;
      case 'Polygon':
        addPolygon(g.coordinates);
        return true;
      case 'MultiPolygon':
        for (const polygon of g.coordinates) addPolygon(polygon);
        return true;
      case 'GeometryCollection':
        return g.geometries.map(visit).some(Boolean);
    }
  };
  for (const feature of collection.features) if (!visit(feature.geometry)) skipped++;
  return {
    points: { length: points.vertices, positions: points.done() },
    paths: paths.done(),
    polygons: polygons.done(),
    features: collection.features.length,
    skipped
  };
}

/** The buffers to transfer (not copy) when posting binary data between threads. */
export function transferables(data: BinaryUserData): ArrayBuffer[] {
  return [
    data.points.positions,
    data.paths.positions,
    data.paths.startIndices,
    data.polygons.positions,
    data.polygons.startIndices
  ].map((a) => a.buffer as ArrayBuffer);
}
