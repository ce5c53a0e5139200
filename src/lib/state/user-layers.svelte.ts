/**
 * The user's own layers: what the list shows and the map draws, kept in the browser (IndexedDB, through
 * idb) across reloads and shared between tabs (BroadcastChannel). Each layer is two records: its
 * description (layers-core.ts `LayerMeta`) and its features, so that a change of style or order rewrites
 * only the first.
 *
 * - A stored layer that cannot be read back is moved aside (the `set-aside` store, with why) and named in a
 *   notice; the others load, and the page carries on.
 * - A write the browser refuses (storage full) keeps what was saved before; the layer stays on the map for
 *   this visit and a notice says it was not kept.
 * - Loaded only when the user imports, or when this browser holds layers (a flag in localStorage says so,
 *   and another tab setting it wakes this one up).
 * - A large layer's features are kept in parts of CHUNK features (see `writeFeatures`): the browser copies
 *   a value when it is put or read, on this thread, and one record of 200,000 features held the page for
 *   0.7 s; a part is put or read in a task of its own.
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { FeatureCollection } from 'geojson';
import type { CrsId, ImportLayer } from '$lib/import/types';
import type { LayerStyle, LegendEntry } from '$lib/user/style';
import {
  metaFromImport,
  move,
  ordersFor,
  parseFeatures,
  parseMeta,
  reread,
  bboxOf,
  type LayerMeta
} from '$lib/user/layers-core';

/** The flag in localStorage that says this browser holds user layers (read by the page at first paint). */
export const USER_LAYERS_FLAG = 'qingdao-plan-map:user-layers';
export const DB_NAME = 'qingdao-plan-map-user-layers';
const CHANNEL = 'qingdao-plan-map-user-layers';
const META = 'meta';
const FEATURES = 'features';
const ASIDE = 'set-aside';
const GHOST = 'ghost:';
/** Features per stored part of a large layer. */
const CHUNK = 5_000;

/** The keys of a layer's stored parts (`[id, 0]`, `[id, 1]` …). */
const partsOf = (id: IDBValidKey) => IDBKeyRange.bound([id, 0], [id, Infinity]);

/** Where a large layer's features are stored in parts, its record under its id says how many. */
interface StoredParts {
  type: 'FeatureCollection';
  features: [];
  parts: number;
}

function isParts(v: unknown): v is StoredParts {
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger((v as { parts?: unknown }).parts) &&
    (v as { parts: number }).parts >= 0
  );
}

export interface UserLayerEntry {
  meta: LayerMeta;
  features: FeatureCollection;
  /** Whether the browser refused to keep it (it is gone after a reload). */
  unsaved: boolean;
  legend: LegendEntry[] | null;
  /** Whether the suggested reading is previewed on the map beside the layer. */
  previewing: boolean;
}

export type StoreNotice =
  | { kind: 'set-aside'; names: string[] }
  | { kind: 'quota'; names: string[] }
  | { kind: 'unavailable' }
  | { kind: 'removed'; name: string; id: string }
  | {
      kind: 'crs-failed';
      name: string;
      crs: string;
      reason: 'unknown-source' | 'out-of-range';
      feature?: number;
    };

/** What the store needs of the map (user-layer-set.ts's UserLayerSet), so that tests can stand in for it. */
export interface OverlayPort {
  set(
    id: string,
    data: FeatureCollection,
    display: { colour: string; style?: LayerStyle; opacity?: number; visible?: boolean; ghost?: boolean }
  ): Promise<LegendEntry[] | null>;
  style(id: string, colour: string, style: LayerStyle): Promise<LegendEntry[] | null>;
  display(id: string, display: { opacity?: number; visible?: boolean }): void;
  order(ids: readonly string[]): void;
  remove(id: string): void;
  fitBounds(bbox: readonly [number, number, number, number]): void;
}

type Message = { type: 'changed'; id: string } | { type: 'removed'; id: string };

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function isQuota(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return name === 'QuotaExceededError' || /quota/i.test(String((error as Error | null)?.message ?? ''));
}

/**
 * Puts a layer's features in `store` (of a readwrite transaction): a small layer as one record, a large one
 * in parts, each put when the last has been written, so that each copy is a task of its own and all of
 * them are one transaction (kept whole, or not at all).
 */
async function writeFeatures(
  store: IDBPObjectStore<unknown, string[], typeof FEATURES, 'readwrite'>,
  id: string,
  fc: FeatureCollection
): Promise<void> {
  await store.delete(partsOf(id));
  const list = fc.features;
  if (list.length <= CHUNK) {
    await store.put(fc, id);
    return;
  }
  let parts = 0;
  for (let at = 0; at < list.length; at += CHUNK) await store.put(list.slice(at, at + CHUNK), [id, parts++]);
  await store.put({ type: 'FeatureCollection', features: [], parts } satisfies StoredParts, id);
}

let shared: UserLayersStore | null = null;

/** The page's one store, made when first asked for (an import, or layers kept from before). */
export function userLayersStore(): UserLayersStore {
  return (shared ??= new UserLayersStore());
}

export class UserLayersStore {
  /** Top first (highest order first). */
  layers = $state.raw<UserLayerEntry[]>([]);
  notices = $state.raw<StoreNotice[]>([]);
  /** Settles once the stored layers are loaded (or found unreadable). */
  readonly ready: Promise<void>;
  private db: Promise<IDBPDatabase | null>;
  private channel: BroadcastChannel | null = null;
  private overlay: OverlayPort | null = null;
  /** Layers removed with an undo still possible. */
  private removed: Record<string, UserLayerEntry> = {};

  constructor(dbName = DB_NAME) {
    this.db = openDB(dbName, 1, {
      upgrade(db) {
        db.createObjectStore(META, { keyPath: 'id' });
        db.createObjectStore(FEATURES);
        db.createObjectStore(ASIDE, { autoIncrement: true });
      }
    }).catch(() => {
      this.notify({ kind: 'unavailable' });
      return null;
    });
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = (event: MessageEvent<Message>) => void this.onMessage(event.data);
    }
    this.ready = this.load();
  }

  /** Hands the map to the store: every layer is drawn on it from now on. */
  attach(overlay: OverlayPort): void {
    if (this.overlay === overlay) return;
    this.overlay = overlay;
    void this.ready.then(() => {
      for (const entry of [...this.layers].reverse()) void this.draw(entry);
    });
  }

  get(id: string): UserLayerEntry | undefined {
    return this.layers.find((e) => e.meta.id === id);
  }

  private notify(notice: StoreNotice): void {
    this.notices = [...this.notices.filter((n) => n.kind !== notice.kind || n.kind === 'removed'), notice];
  }

  dismiss(notice: StoreNotice): void {
    this.notices = this.notices.filter((n) => n !== notice);
  }

  private setLayers(layers: UserLayerEntry[]): void {
    this.layers = [...layers].sort((a, b) => b.meta.order - a.meta.order);
    try {
      if (this.layers.some((e) => !e.unsaved)) localStorage.setItem(USER_LAYERS_FLAG, '1');
      else localStorage.removeItem(USER_LAYERS_FLAG);
    } catch {
      // No localStorage (private mode): the layers still load when the user next imports.
    }
  }

  private async load(): Promise<void> {
    const db = await this.db;
    if (!db) return;
    const entries: UserLayerEntry[] = [];
    const aside: string[] = [];
    let keys: IDBValidKey[] = [];
    try {
      keys = await db.getAllKeys(META);
    } catch {
      this.notify({ kind: 'unavailable' });
      return;
    }
    for (const key of keys) {
      const entry = await this.read(db, key, aside);
      if (entry) entries.push(entry);
    }
    // Layers imported while the stored ones were loading stay.
    const fresh = this.layers.filter((e) => !entries.some((s) => s.meta.id === e.meta.id));
    this.setLayers([...entries, ...fresh]);
    if (aside.length > 0) this.notify({ kind: 'set-aside', names: aside });
  }

  /** One stored layer, or null after moving it aside (its name, or its key, added to `aside`). */
  private async read(db: IDBPDatabase, key: IDBValidKey, aside: string[]): Promise<UserLayerEntry | null> {
    let raw: unknown;
    let rawFeatures: unknown;
    try {
      raw = await db.get(META, key);
      const meta = parseMeta(raw);
      if (!meta) throw new Error('the description does not fit');
      rawFeatures = await db.get(FEATURES, key);
      if (isParts(rawFeatures)) {
        // One part per read: each is copied out of the database in a task of its own.
        const features: unknown[] = [];
        for (let i = 0; i < rawFeatures.parts; i++) {
          const part: unknown = await db.get(FEATURES, [key, i]);
          if (!Array.isArray(part)) throw new Error(`part ${i} of the features is missing`);
          features.push(...part);
        }
        rawFeatures = { type: 'FeatureCollection', features };
      }
      const features = parseFeatures(rawFeatures, meta.count);
      if (!features) throw new Error('the features do not fit');
      return { meta, features, unsaved: false, legend: meta.legend ?? null, previewing: false };
    } catch (error) {
      const name = (raw as { name?: unknown } | undefined)?.name;
      aside.push(typeof name === 'string' ? name : String(key));
      try {
        const tx = db.transaction([META, FEATURES, ASIDE], 'readwrite');
        await Promise.all([
          tx.objectStore(ASIDE).add({
            key,
            meta: raw ?? null,
            features: rawFeatures ?? null,
            reason: error instanceof Error ? error.message : String(error),
            at: Date.now()
          }),
          tx.objectStore(META).delete(key),
          tx.objectStore(FEATURES).delete(key),
          tx.objectStore(FEATURES).delete(partsOf(key)),
          tx.done
        ]);
      } catch {
        // It stays where it is and is set aside again next time.
      }
      return null;
    }
  }

  /** Writes a layer (its features too when `features`); false when the browser refused. */
  private async save(entry: UserLayerEntry, features: boolean): Promise<boolean> {
    const db = await this.db;
    if (!db) return false;
    const meta: LayerMeta = { ...entry.meta, ...(entry.legend ? { legend: entry.legend } : {}) };
    const tx = db.transaction([META, FEATURES], 'readwrite');
    const done = tx.done;
    try {
      await tx.objectStore(META).put(meta);
      if (features) await writeFeatures(tx.objectStore(FEATURES), meta.id, entry.features);
      await done;
    } catch (error) {
      // A write refused part way aborts the whole transaction: nothing of it is kept.
      done.catch(() => {});
      try {
        tx.abort();
      } catch {
        // Already ended by the refused write.
      }
      if (isQuota(error)) {
        const names = this.notices.find((n) => n.kind === 'quota')?.names ?? [];
        this.notify({
          kind: 'quota',
          names: [...names.filter((n) => n !== entry.meta.name), entry.meta.name]
        });
      } else this.notify({ kind: 'unavailable' });
      return false;
    }
    this.channel?.postMessage({ type: 'changed', id: meta.id } satisfies Message);
    return true;
  }

  private async onMessage(message: Message): Promise<void> {
    if (message.type === 'removed') {
      const entry = this.get(message.id);
      if (!entry) return;
      this.setLayers(this.layers.filter((e) => e !== entry));
      this.overlay?.remove(message.id);
      this.overlay?.remove(GHOST + message.id);
      return;
    }
    const db = await this.db;
    if (!db) return;
    const aside: string[] = [];
    const entry = await this.read(db, message.id, aside);
    if (!entry) return;
    const previous = this.get(message.id);
    const sameFeatures =
      previous &&
      previous.meta.count === entry.meta.count &&
      previous.meta.crs.applied === entry.meta.crs.applied;
    const next = sameFeatures ? { ...entry, features: previous.features, legend: previous.legend } : entry;
    this.setLayers([...this.layers.filter((e) => e.meta.id !== message.id), next]);
    void this.draw(next, sameFeatures ? previous : undefined);
    this.syncOrder();
  }

  /** Draws a layer (again), or only what changed since `previous`. */
  private async draw(entry: UserLayerEntry, previous?: UserLayerEntry): Promise<void> {
    const overlay = this.overlay;
    if (!overlay) return;
    const { meta } = entry;
    let legend: LegendEntry[] | null | undefined;
    if (!previous || previous.features !== entry.features) {
      legend = await overlay.set(meta.id, entry.features, {
        colour: meta.style.colour,
        style: meta.style,
        opacity: meta.opacity,
        visible: !meta.hidden
      });
      this.syncOrder();
    } else {
      if (JSON.stringify(previous.meta.style) !== JSON.stringify(meta.style))
        legend = await overlay.style(meta.id, meta.style.colour, meta.style);
      if (previous.meta.opacity !== meta.opacity || previous.meta.hidden !== meta.hidden)
        overlay.display(meta.id, { opacity: meta.opacity, visible: !meta.hidden });
    }
    if (legend !== undefined) {
      const current = this.get(meta.id);
      if (current && current.meta === meta) {
        const updated = { ...current, legend };
        this.setLayers(this.layers.map((e) => (e === current ? updated : e)));
        if (JSON.stringify(legend) !== JSON.stringify(meta.legend ?? null)) void this.save(updated, false);
      }
    }
    this.drawPreview(this.get(meta.id) ?? entry);
  }

  /** The suggested reading of a layer, drawn hollow beside it while the suggestion waits for an answer. */
  pendingSuggestion(entry: UserLayerEntry): CrsId | null {
    const s = entry.meta.crs.suggested;
    return s?.likely && s.likely !== entry.meta.crs.applied && entry.meta.crs.source !== 'option'
      ? s.likely
      : null;
  }

  private drawPreview(entry: UserLayerEntry): void {
    const overlay = this.overlay;
    const likely = this.pendingSuggestion(entry);
    if (!overlay) return;
    if (!likely || entry.meta.hidden) {
      overlay.remove(GHOST + entry.meta.id);
      return;
    }
    const result = reread(entry.features, entry.meta.crs.applied, likely);
    if ('features' in result)
      void overlay
        .set(GHOST + entry.meta.id, result.features, { colour: '#d1495b', ghost: true })
        .then(() => this.syncOrder());
  }

  private syncOrder(): void {
    const ids = [...this.layers].reverse().flatMap((e) => [e.meta.id, GHOST + e.meta.id]);
    this.overlay?.order(ids);
  }

  /** Adds the layers of one import, all or none: they are kept, or (a refused write) drawn for this visit. */
  async add(imported: readonly ImportLayer[]): Promise<UserLayerEntry[]> {
    await this.ready;
    const added: UserLayerEntry[] = [];
    for (const layer of imported) {
      const meta = metaFromImport(
        layer,
        newId(),
        [...this.layers, ...added].map((e) => e.meta)
      );
      added.push({ meta, features: layer.features, unsaved: false, legend: null, previewing: false });
    }
    this.setLayers([...this.layers, ...added]);
    for (const entry of added) {
      void this.draw(entry);
      if (!(await this.save(entry, true))) entry.unsaved = true;
    }
    if (added.some((e) => e.unsaved)) this.setLayers([...this.layers]);
    return added;
  }

  /** Applies a change to a layer's description, redraws what changed and keeps it. */
  async update(
    id: string,
    change: (meta: LayerMeta) => Partial<LayerMeta>,
    features?: FeatureCollection
  ): Promise<void> {
    const entry = this.get(id);
    if (!entry) return;
    const next: UserLayerEntry = {
      ...entry,
      meta: { ...entry.meta, ...change(entry.meta) },
      ...(features ? { features } : {})
    };
    this.setLayers(this.layers.map((e) => (e === entry ? next : e)));
    void this.draw(next, entry);
    if (next.meta.order !== entry.meta.order) this.syncOrder();
    if (!next.unsaved) await this.save(next, features !== undefined);
  }

  rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim().slice(0, 200);
    return trimmed ? this.update(id, () => ({ name: trimmed })) : Promise.resolve();
  }

  recolour(id: string, colour: string): Promise<void> {
    return this.update(id, (m) => ({ style: { ...m.style, colour } }));
  }

  setStyle(id: string, style: LayerStyle): Promise<void> {
    return this.update(id, () => ({ style }));
  }

  setOpacity(id: string, opacity: number): Promise<void> {
    return this.update(id, () => ({ opacity: Math.max(0, Math.min(1, opacity)) }));
  }

  setHidden(id: string, hidden: boolean): Promise<void> {
    return this.update(id, () => ({ hidden }));
  }

  /** Moves a layer up (towards the top of the list and of the map: -1) or down (+1). */
  async moveBy(id: string, delta: number): Promise<void> {
    const ids = move(
      this.layers.map((e) => e.meta.id),
      id,
      delta
    );
    const orders = ordersFor(ids);
    for (const entry of this.layers)
      if (orders.get(entry.meta.id) !== entry.meta.order)
        await this.update(entry.meta.id, () => ({ order: orders.get(entry.meta.id)! }));
  }

  /** Reads the layer's coordinates again as if its file were in `crs`; the answer to a suggestion too. */
  async setCrs(id: string, crs: CrsId): Promise<boolean> {
    const entry = this.get(id);
    if (!entry) return false;
    const result = reread(entry.features, entry.meta.crs.applied, crs);
    if ('error' in result) {
      this.notify({
        kind: 'crs-failed',
        name: entry.meta.name,
        crs,
        reason: result.error,
        feature: result.feature
      });
      return false;
    }
    await this.update(
      id,
      (m) => ({ crs: { ...m.crs, applied: crs, source: 'option' }, bbox: bboxOf(result.features) }),
      result.features
    );
    return true;
  }

  /** Keeps the layer as it was read: the suggestion is answered and its preview goes. */
  keepCrs(id: string): Promise<void> {
    return this.update(id, (m) => ({ crs: { ...m.crs, source: 'option' } }));
  }

  /** Shows a layer's extent on the map. */
  zoomTo(bbox: readonly [number, number, number, number]): void {
    this.overlay?.fitBounds(bbox);
  }

  /** Removes a layer; `undo` brings it back while the notice is up. */
  async remove(id: string): Promise<void> {
    const entry = this.get(id);
    if (!entry) return;
    this.removed[id] = entry;
    this.setLayers(this.layers.filter((e) => e !== entry));
    this.overlay?.remove(id);
    this.overlay?.remove(GHOST + id);
    this.notify({ kind: 'removed', name: entry.meta.name, id });
    const db = await this.db;
    if (!db) return;
    try {
      const tx = db.transaction([META, FEATURES], 'readwrite');
      await Promise.all([
        tx.objectStore(META).delete(id),
        tx.objectStore(FEATURES).delete(id),
        tx.objectStore(FEATURES).delete(partsOf(id)),
        tx.done
      ]);
      this.channel?.postMessage({ type: 'removed', id } satisfies Message);
    } catch {
      this.notify({ kind: 'unavailable' });
    }
  }

  async undoRemove(id: string): Promise<void> {
    const entry = this.removed[id];
    this.notices = this.notices.filter((n) => !(n.kind === 'removed' && n.id === id));
    if (!entry) return;
    delete this.removed[id];
    this.setLayers([...this.layers, entry]);
    void this.draw(entry);
    if (!entry.unsaved) await this.save(entry, true);
  }

  destroy(): void {
    this.channel?.close();
    void this.db.then((db) => db?.close());
  }
}
