/** Boxes in degrees, `[west, south, east, north]`, as turf's bbox gives them. */
export type Bounds = [number, number, number, number];

/** Whether two boxes share any point, touching included. Neither may cross the antimeridian (none near Qingdao does). */
export function boundsOverlap(a: Readonly<Bounds>, b: Readonly<Bounds>): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** The box around every position of a GeoJSON geometry (or feature), as turf's bbox gives it. */
export function geometryBounds(input: GeoJSON.Geometry | GeoJSON.Feature): Bounds {
  const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
      return;
    }
    for (const item of value) visit(item);
  };
  const geometry = input.type === 'Feature' ? input.geometry : input;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const [w, s, e, n] = geometryBounds(g);
      visit([
        [w, s],
        [e, n]
      ]);
    }
  } else visit(geometry.coordinates);
  return box;
}

/** A MapLibre view's bounds (its `getBounds()`) as a box, or null when any edge is not a finite number. */
export function viewBox(bounds: {
  getWest(): number;
  getSouth(): number;
  getEast(): number;
  getNorth(): number;
}): Bounds | null {
  const box: Bounds = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  return box.every(Number.isFinite) ? box : null;
}
