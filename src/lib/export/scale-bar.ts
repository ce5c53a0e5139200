/**
 * The exported image's scale bar: the longest "nice" length (1, 2 or 5 times a power of ten metres) that
 * fits in a given width at the view's centre latitude and zoom. Web Mercator with MapLibre's 512-pixel
 * tiles: a pixel covers `C · cos(lat) / (512 · 2^zoom)` metres, C the equator's length. Pure.
 */

/** The equator's length in metres (WGS-84 semi-major axis × 2π), as MapLibre uses it. */
export const EARTH_CIRCUMFERENCE_M = 2 * Math.PI * 6378137;

/** Metres one CSS pixel covers at a latitude and zoom (512-pixel tiles). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

export interface ScaleBar {
  /** The length the bar stands for, in metres. */
  metres: number;
  /** The bar's width in CSS pixels (at most the width asked for). */
  pixels: number;
  /** The length as written beside the bar: `500 m`, `2 km`. */
  label: string;
}

/** The largest of 1, 2, 5 × 10ⁿ that is at most `value` (value > 0). */
export function niceLength(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const first = value / power;
  // A tiny tolerance: 2000 / 1000 must read as 2, not 1.9999….
  const step = first >= 5 - 1e-9 ? 5 : first >= 2 - 1e-9 ? 2 : 1;
  return step * power;
}

/** A scale bar at most `maxPixels` wide for the view's centre latitude and zoom. */
export function scaleBar(lat: number, zoom: number, maxPixels: number): ScaleBar {
  const perPixel = metresPerPixel(lat, zoom);
  const metres = niceLength(maxPixels * perPixel);
  return {
    metres,
    pixels: metres / perPixel,
    label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m`
  };
}
