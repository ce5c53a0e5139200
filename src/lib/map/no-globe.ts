/**
 * Stands in for deck.gl's globe view in the browser bundle (a plugin in vite.config.ts swaps it in for
 * `@deck.gl/core`'s views/globe-view.js). deck.gl's MapLibre overlay builds a globe view only when the map
 * uses MapLibre's globe projection, which this site never sets: its maps are Web Mercator at every zoom. The
 * globe view brings its own camera, controller and projection maths (~5 kB gzip) that would be downloaded
 * and never run. Asked for anyway, it fails loudly.
 */
export default class GlobeViewNotIncluded {
  constructor() {
    throw new Error('deck.gl globe view: not part of this build (the map is Web Mercator)');
  }
}
