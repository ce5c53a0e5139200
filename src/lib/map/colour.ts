/** Drawing colour of a feature that has no colour of its own nor a layer colour (a line with no official colour). */
export const UNCOLOURED_LINE = '#5b6770';

/** RGBA colour as deck.gl takes it. */
export type Rgba = [number, number, number, number];

/** Parses `#RRGGBB` into an RGBA tuple; a malformed colour is a data error upstream, so it throws. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), alpha];
}
