/**
 * The part of the symbology only the map's lazily loaded layers use (kept out of the first visit's code):
 * how a line's positional uncertainty is drawn as the zoom grows, and the size of the plan's names.
 */
import type { Precision } from './symbology';

/**
 * Precision by scale. A line whose position is uncertain by U metres is drawn with a corridor 2U wide
 * (in metres, so it grows with the zoom; plan-uncertainty.ts), faint beside the line; once that corridor is
 * CORRIDOR_FADE_PX[0] pixels wide the line itself fades, and by CORRIDOR_FADE_PX[1] only the corridor is
 * left: a sketch never reads as a street-level alignment. A point uncertain by U metres gets a disc of
 * radius U the same way (the dot stays, to be found and picked), and an area's outline softens and fades
 * over the same zooms (outlineFade), leaving its faint fill.
 */
/** Corridor opacity (0–255) while the line is drawn, and once it has faded. */
export const CORRIDOR_ALPHA = [14, 32] as const;
export const CORRIDOR_FADE_PX = [40, 120] as const;
/**
 * Calm for very wide bands: past CORRIDOR_FADE_PX[1] a band's tint eases from CORRIDOR_ALPHA[1] down to
 * CORRIDOR_CALM.alpha by the time it is CORRIDOR_CALM.px wide, and stays there. A band wider than the
 * screen says only "somewhere in here", and at zoom 12–14 the 3 km bands and discs cover whole districts
 * (the city centre under a metro sketch, Dongjiakou under its points): a strong wash there would bury the
 * basemap and the features drawn on it, while a light one still tells inside from outside.
 */
export const CORRIDOR_CALM = { px: 960, alpha: 18 } as const;

/**
 * The uncertainty (metres) a line is drawn with as a corridor, 0 for none: every line not surveyed, except
 * the metro lines run through surveyed stations (approximate), which stay lines; sketched metro lines
 * (indicative) get one.
 */
export function corridorMetres(
  p: { kind: string; precision: Precision; uncertainty_m?: number | undefined },
  geometry: { type: string }
): number {
  if (!/LineString$/.test(geometry.type) || p.precision === 'surveyed') return 0;
  if (p.kind === 'metro-line' && p.precision !== 'indicative') return 0;
  return p.uncertainty_m ?? 0;
}

/** The radius (metres) of the disc an uncertain point is drawn with, 0 for none (surveyed, or no figure). */
export function pointUncertaintyMetres(
  p: { precision: Precision; uncertainty_m?: number | undefined },
  geometry: { type: string }
): number {
  if (!/Point$/.test(geometry.type) || p.precision === 'surveyed') return 0;
  return p.uncertainty_m ?? 0;
}

/** Metres per CSS pixel at zoom 0 on the equator (MapLibre's 512-pixel world). */
const METRES_PER_PIXEL_Z0 = 40075016.686 / 512;

/** The zoom at which a corridor of `metres` uncertainty (each side) at `lat` is CORRIDOR_FADE_PX[0] wide. */
export function corridorZoom(metres: number, lat: number): number {
  const perPixel = METRES_PER_PIXEL_Z0 * Math.cos((lat * Math.PI) / 180);
  return Math.log2((CORRIDOR_FADE_PX[0] * perPixel) / (2 * metres));
}

/**
 * The tint (0–255) of a band or disc `width` CSS pixels across: faint while its line or dot is still drawn
 * (up to CORRIDOR_FADE_PX[0]), full at CORRIDOR_FADE_PX[1], calmer past it (CORRIDOR_CALM); linear in
 * log2(width), hence in zoom.
 */
export function corridorAlpha(width: number): number {
  const [narrow, wide] = CORRIDOR_FADE_PX;
  const at = (w: number, [w0, a0]: readonly [number, number], [w1, a1]: readonly [number, number]) =>
    a0 + ((a1 - a0) * Math.log2(w / w0)) / Math.log2(w1 / w0);
  if (width <= narrow) return CORRIDOR_ALPHA[0];
  if (width <= wide) return at(width, [narrow, CORRIDOR_ALPHA[0]], [wide, CORRIDOR_ALPHA[1]]);
  if (width <= CORRIDOR_CALM.px)
    return at(width, [wide, CORRIDOR_ALPHA[1]], [CORRIDOR_CALM.px, CORRIDOR_CALM.alpha]);
  return CORRIDOR_CALM.alpha;
}

/** Opacity factor (0–1) of a line at `zoom` whose corridor reaches the fade width at `from`. */
export function lineFade(zoom: number, from: number): number {
  const span = Math.log2(CORRIDOR_FADE_PX[1] / CORRIDOR_FADE_PX[0]);
  return Math.min(1, Math.max(0, 1 - (zoom - from) / span));
}

/**
 * How far an uncertain area's outline has faded at each zoom, as outline opacity and blur (CSS pixels at text
 * scale 1): crisp until its uncertainty band would be CORRIDOR_FADE_PX[0] wide, a soft trace by
 * CORRIDOR_FADE_PX[1]. Its fill (faint for indicative areas) stays, so the area is still there to find.
 */
export const OUTLINE_FADE = { opacity: [1, 0.3], blur: [0, 6] } as const;

/** Names of the plan's places, areas and lines by zoom. */
export const PLACE_LABEL_SIZE = [
  [8, 11],
  [12, 13],
  [16, 15]
] as const;
