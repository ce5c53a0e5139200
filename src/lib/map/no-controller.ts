/**
 * Stands in for deck.gl's map controller in the browser bundle (vite.config.ts swaps it in for
 * `@deck.gl/core`'s controllers/map-controller.js). deck.gl creates a controller only for a view asked to
 * move the camera itself; on this site MapLibre moves the camera and deck.gl draws in its canvas, so the
 * controller, its transitions and gestures (~8 kB gzip) would be downloaded and never run. Asked for anyway,
 * it fails loudly.
 */
export default class MapControllerNotIncluded {
  constructor() {
    throw new Error('deck.gl map controller: not part of this build (MapLibre moves the camera)');
  }
}
