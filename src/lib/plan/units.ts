/**
 * Units as the plan and its sources write them: a base unit (元, 千瓦, 人, %) with an optional magnitude word
 * in front (万, 亿, 万亿, 百万). Figures in 亿元 and 万亿元 measure the same thing at different scales.
 */

const MAGNITUDES: readonly [string, number][] = [
  ['万亿', 1e12],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4]
];

/** The magnitude and base of a unit: 万千瓦 → 1e4 × 千瓦, 亿元 → 1e8 × 元; a bare magnitude word stays whole. */
export function unitScale(unit: string): { factor: number; base: string } {
  for (const [word, factor] of MAGNITUDES) {
    if (unit.startsWith(word) && unit.length > word.length) {
      return { factor, base: unit.slice(word.length) };
    }
  }
  return { factor: 1, base: unit };
}

/** Whether two units measure the same thing, at whatever magnitude. */
export function unitsCompatible(a: string, b: string): boolean {
  return unitScale(a).base === unitScale(b).base;
}

/** `value` in unit `from` expressed in unit `to` (9,777 家 → 0.9777 万家), or null when they differ. */
export function convertValue(value: number, from: string, to: string): number | null {
  if (!unitsCompatible(from, to)) return null;
  return (value * unitScale(from).factor) / unitScale(to).factor;
}
