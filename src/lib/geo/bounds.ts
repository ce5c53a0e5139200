/** Boxes in degrees, `[west, south, east, north]`, as turf's bbox gives them. */
export type Bounds = [number, number, number, number];

/** Whether two boxes share any point, touching included. Neither may cross the antimeridian (none near Qingdao does). */
export function boundsOverlap(a: Readonly<Bounds>, b: Readonly<Bounds>): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
