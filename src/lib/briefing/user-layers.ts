/**
 * The user's own layers on a slide: a slide names them (id and name, deck.ts `UserLayerRef`); the browser's
 * store holds their features. Pure: which of a slide's layers this browser holds, which it does not, and the
 * editor's toggle.
 */
import { MAX_SLIDE_USER_LAYERS, type UserLayerRef } from './deck';

/** What the briefing needs of a stored layer: its id and name (the store's `LayerMeta` has both). */
export interface StoredLayerRef {
  meta: { id: string; name: string };
}

/**
 * A slide's layers as this browser holds them, in the store's order (top first), and those it names that are
 * not stored here (a deck made on another machine, or a layer removed since), in the slide's order.
 */
export function slideUserLayers<T extends StoredLayerRef>(
  refs: readonly UserLayerRef[],
  stored: readonly T[]
): { shown: T[]; missing: UserLayerRef[] } {
  const ids = new Set(refs.map((r) => r.id));
  const held = new Set(stored.map((e) => e.meta.id));
  return {
    shown: stored.filter((e) => ids.has(e.meta.id)),
    missing: refs.filter((r) => !held.has(r.id))
  };
}

/** The slide's references with `layer` added (at the end, under its current name) or taken out. */
export function toggleUserLayer(refs: readonly UserLayerRef[], layer: UserLayerRef): UserLayerRef[] {
  if (refs.some((r) => r.id === layer.id)) return refs.filter((r) => r.id !== layer.id);
  if (refs.length >= MAX_SLIDE_USER_LAYERS) return [...refs];
  return [...refs, { id: layer.id, name: layer.name.slice(0, 200) }];
}
