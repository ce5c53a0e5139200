/**
 * How a user's layer is coloured: one colour, one colour per value of a property (the most frequent
 * values, the rest as "other"), or graduated colours for a numeric property in quantile or equal-interval
 * classes. Pure: the colours per feature are worked out in the user-data worker (user-data.worker.ts), the
 * legend goes back to the list.
 */
import type { FeatureCollection } from 'geojson';

export type LayerStyle =
  | { kind: 'single'; colour: string }
  | { kind: 'categories'; colour: string; property: string; top: number }
  | {
      kind: 'graduated';
      colour: string;
      property: string;
      method: 'quantile' | 'equal';
      classes: number;
    };

/** One row of a layer's legend. `label` is a value, a range or null for "other" / "no value". */
export interface LegendEntry {
  colour: string;
  /** The category's value, or the class's lower and upper bounds. */
  value?: string;
  range?: [number, number];
  /** 'other': values beyond the top N; 'none': features without a (numeric) value. */
  rest?: 'other' | 'none';
  count: number;
}

/** Colours for categories, distinct and readable on the light basemap (Tableau 10, without grey). */
export const CATEGORY_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f'
] as const;
export const OTHER_COLOUR = '#9aa0a6';
/** Light to dark, for graduated classes (ColorBrewer YlOrRd, 7 classes). */
export const GRADUATED_COLOURS = [
  '#ffffb2',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#b10026'
] as const;
export const MAX_CATEGORIES = CATEGORY_COLOURS.length;
export const MAX_CLASSES = GRADUATED_COLOURS.length;

/** `n` colours from the graduated ramp, spread over it. */
export function ramp(n: number): string[] {
  const k = Math.max(1, Math.min(MAX_CLASSES, n));
  if (k === 1) return [GRADUATED_COLOURS[MAX_CLASSES - 2]!];
  return Array.from(
    { length: k },
    (_, i) => GRADUATED_COLOURS[Math.round((i * (MAX_CLASSES - 1)) / (k - 1))]!
  );
}

/** A property's value as a number, or null: numbers, and strings that are plain decimal numbers. */
export function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
    return Number(value);
  return null;
}

/** A property's value as a category: its text, or null when it has none. */
export function category(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The upper bounds of `classes` classes of `values` (sorted ascending, finite): equal steps between the
 * smallest and largest, or quantiles (each class about as many values). Duplicated bounds are merged, so
 * fewer classes may come back than were asked for.
 */
export function classBreaks(
  sorted: readonly number[],
  classes: number,
  method: 'quantile' | 'equal'
): number[] {
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const k = Math.max(1, Math.min(MAX_CLASSES, Math.floor(classes)));
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const b =
      method === 'equal'
        ? min + ((max - min) * i) / k
        : sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * i) / k) - 1)]!;
    if (b < max && (breaks.length === 0 || b > breaks[breaks.length - 1]!) && b >= min) breaks.push(b);
  }
  breaks.push(max);
  return breaks;
}

/** The class of `value` given the classes' upper bounds (a value equal to a bound falls in that class). */
export function classOf(value: number, breaks: readonly number[]): number {
  let lo = 0;
  let hi = breaks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= breaks[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface Classified {
  /** Per feature, its legend row. */
  entryOf: Uint16Array;
  legend: LegendEntry[];
}

/** Each feature's legend row under `style`, and the legend. */
export function classify(collection: FeatureCollection, style: LayerStyle): Classified {
  const n = collection.features.length;
  const entryOf = new Uint16Array(n);
  const prop = (i: number): unknown => {
    const p = collection.features[i]!.properties;
    return p && style.kind !== 'single' ? p[style.property] : undefined;
  };
  if (style.kind === 'single') return { entryOf, legend: [{ colour: style.colour, count: n }] };
  if (style.kind === 'categories') {
    const counts = new Map<string, number>();
    let none = 0;
    for (let i = 0; i < n; i++) {
      const c = category(prop(i));
      if (c === null) none++;
      else counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const top = Math.max(1, Math.min(MAX_CATEGORIES, Math.floor(style.top)));
    // Most frequent first; ties by value, so the colours do not depend on the file's order.
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const kept = ranked.length > top + 1 ? ranked.slice(0, top) : ranked;
    const index = new Map(kept.map(([value], i) => [value, i]));
    const legend: LegendEntry[] = kept.map(([value, count], i) => ({
      colour: CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]!,
      value,
      count
    }));
    const otherCount = n - none - kept.reduce((s, [, c]) => s + c, 0);
    const other =
      otherCount > 0 ? legend.push({ colour: OTHER_COLOUR, rest: 'other', count: otherCount }) - 1 : -1;
    const noneRow = none > 0 ? legend.push({ colour: OTHER_COLOUR, rest: 'none', count: none }) - 1 : -1;
    for (let i = 0; i < n; i++) {
      const c = category(prop(i));
      entryOf[i] = c === null ? noneRow : (index.get(c) ?? other);
    }
    return { entryOf, legend };
  }
  const values = new Float64Array(n);
  const present: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = numeric(prop(i));
    values[i] = v ?? NaN;
    if (v !== null) present.push(v);
  }
  present.sort((a, b) => a - b);
  const breaks = classBreaks(present, style.classes, style.method);
  const colours = ramp(breaks.length);
  const legend: LegendEntry[] = breaks.map((upper, i) => ({
    colour: colours[i]!,
    range: [i === 0 ? present[0]! : breaks[i - 1]!, upper],
    count: 0
  }));
  const none = n - present.length;
  const noneRow = none > 0 ? legend.push({ colour: OTHER_COLOUR, rest: 'none', count: none }) - 1 : -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) entryOf[i] = noneRow;
    else {
      const c = classOf(v, breaks);
      entryOf[i] = c;
      legend[c]!.count++;
    }
  }
  return { entryOf, legend };
}

/** `#rrggbb` as [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [123, 44, 191];
}

/** Each feature's colour as RGB bytes (three per feature), from its legend row. */
export function featureColours({ entryOf, legend }: Classified): Uint8Array {
  const table = legend.map((e) => rgb(e.colour));
  const out = new Uint8Array(entryOf.length * 3);
  for (let i = 0; i < entryOf.length; i++) {
    const [r, g, b] = table[entryOf[i]!] ?? [128, 128, 128];
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return out;
}

/** The properties of a layer that can style it: their names, and whether every value present is a number. */
export function propertySummary(
  collection: FeatureCollection,
  sample = 5000
): { name: string; numeric: boolean }[] {
  const seen = new Map<string, boolean>();
  const step = Math.max(1, Math.floor(collection.features.length / sample));
  for (let i = 0; i < collection.features.length; i += step) {
    const p = collection.features[i]!.properties;
    if (!p) continue;
    for (const [key, value] of Object.entries(p)) {
      if (value === null || value === undefined || value === '') {
        if (!seen.has(key)) seen.set(key, true);
        continue;
      }
      seen.set(key, (seen.get(key) ?? true) && numeric(value) !== null);
    }
    if (seen.size > 200) break;
  }
  return [...seen].map(([name, isNumeric]) => ({ name, numeric: isNumeric }));
}
