/**
 * A user's feature properties as text for the map's tooltip and panel (UserFeatures.svelte). Values come
 * from the user's own files and are never trusted: they are shown as text, and a value is a link only when
 * it is an absolute http or https URL (a `javascript:`, `data:` or any other scheme stays text).
 */

/** One property as shown: its name, its value as text, and the link it may be. */
export interface PropertyRow {
  name: string;
  text: string;
  href: string | null;
}

/** A value as text: strings as they are, numbers and booleans written out, objects and arrays as JSON. */
export function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** The value as a link when it is nothing but an http or https URL; null otherwise. */
export function httpLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The properties in the file's order, the first `limit` of them (all by default). */
export function propertyRows(properties: Record<string, unknown>, limit = Infinity): PropertyRow[] {
  return Object.entries(properties)
    .slice(0, limit)
    .map(([name, value]) => ({ name, text: propertyText(value), href: httpLink(value) }));
}

/** A text cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
