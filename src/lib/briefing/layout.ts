/**
 * Sizes of the briefing screen: how much the type grows with the screen, and the part of the map a slide's
 * view is fitted into (the caption, targets and legend take the rest). Pure, so tests compute the same.
 */
import type { SlideKind } from './deck';

/**
 * The scale of map symbols and labels: 1 on a 1080-line screen, 2 at 2160 lines (a 4K screen), never
 * below 1. Lines, points and labels are drawn this many times their ordinary size.
 */
export function briefingScale(width: number, height: number): number {
  return Math.max(1, Math.min(width / 1920, height / 1080));
}

/** Padding, in CSS pixels, that keeps a slide's fitted view clear of what is drawn over the map. */
export function slidePadding(
  kind: SlideKind,
  width: number,
  height: number
): { top: number; bottom: number; left: number; right: number } {
  const margin = Math.round(Math.min(width, height) * 0.04);
  // The caption band along the bottom, the headline targets along the right on opening and chapter slides.
  const bottom = Math.round(height * 0.24);
  const right = kind === 'chapter' || kind === 'opening' ? Math.round(width * 0.34) : margin;
  return { top: Math.round(height * 0.08), bottom, left: margin, right };
}
