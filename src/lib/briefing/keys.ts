/**
 * The briefing's keyboard map: what a key press (or a presentation clicker, which sends PageDown and
 * PageUp) asks for. Pure: the page applies the action.
 *
 *   →  ↓  PageDown  Space  N      next slide          ←  ↑  PageUp  Shift+Space  P   previous slide
 *   Home / End                    first / last slide  digits                         slide n (typed quickly: 12)
 *   R  Backspace                  back to the slide's view after exploring
 *   Esc                           leave exploring, the editor, or full screen
 *   F  full screen   K  kiosk loop   E  slide editor   C  high contrast   L  中文 / English
 */
export type KeyAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'goto'; slide: number }
  | { type: 'return' }
  | { type: 'escape' }
  | { type: 'fullscreen' }
  | { type: 'kiosk' }
  | { type: 'editor' }
  | { type: 'contrast' }
  | { type: 'language' };

export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** Digits typed within this many milliseconds of each other make one slide number. */
export const DIGIT_WINDOW_MS = 900;

export interface DigitBuffer {
  digits: string;
  at: number;
}

export const EMPTY_DIGITS: DigitBuffer = { digits: '', at: -Infinity };

/**
 * The slide a digit asks for, with the digits typed just before it: `1` goes to slide 1 at once, and a `2`
 * typed quickly after it goes on to slide 12. A number beyond the deck keeps only the new digit.
 */
export function typeDigit(
  buffer: DigitBuffer,
  digit: string,
  now: number,
  slideCount: number
): { buffer: DigitBuffer; slide: number | null } {
  const joined = now - buffer.at <= DIGIT_WINDOW_MS ? buffer.digits + digit : digit;
  let digits = joined;
  if (Number(joined) > slideCount || Number(joined) < 1) digits = digit;
  const n = Number(digits);
  const slide = n >= 1 && n <= slideCount ? n : null;
  return { buffer: { digits: slide === null ? '' : digits, at: now }, slide };
}

/** The action a key press asks for, or null for keys the briefing leaves alone (and with Ctrl, Alt or Meta). */
export function keyAction(input: KeyInput): KeyAction | null {
  if (input.ctrlKey || input.altKey || input.metaKey) return null;
  switch (input.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'n':
    case 'N':
      return { type: 'next' };
    case ' ':
    case 'Spacebar':
      return { type: input.shiftKey ? 'previous' : 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'p':
    case 'P':
      return { type: 'previous' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'r':
    case 'R':
    case 'Backspace':
      return { type: 'return' };
    case 'Escape':
    case 'Esc':
      return { type: 'escape' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case 'k':
    case 'K':
      return { type: 'kiosk' };
    case 'e':
    case 'E':
      return { type: 'editor' };
    case 'c':
    case 'C':
      return { type: 'contrast' };
    case 'l':
    case 'L':
      return { type: 'language' };
  }
  if (/^[0-9]$/.test(input.key)) return { type: 'goto', slide: Number(input.key) };
  return null;
}

/** The slide index after `action` in a deck of `count` slides (wrapping only when asked, as the kiosk loop does). */
export function stepIndex(
  index: number,
  count: number,
  action: 'next' | 'previous' | 'first' | 'last',
  wrap = false
): number {
  switch (action) {
    case 'next':
      return index + 1 < count ? index + 1 : wrap ? 0 : index;
    case 'previous':
      return index > 0 ? index - 1 : wrap ? count - 1 : index;
    case 'first':
      return 0;
    case 'last':
      return count - 1;
  }
}
