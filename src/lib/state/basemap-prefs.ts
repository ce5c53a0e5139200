/**
 * What the browser remembers about the basemap: the choice, a Tianditu key the user typed, and the tile
 * base override used by tests and local mirrors. Read and written through a small storage port (the
 * browser's localStorage by default) so the rules are tested without a browser. Anything stored that is
 * not valid reads as absent.
 */
import { normaliseKey, normaliseTileBase, parseBasemapId, type BasemapId } from '../map/basemap-ids';

export const STORAGE_KEYS = {
  basemap: 'qingdao-plan-map:basemap',
  tiandituKey: 'qingdao-plan-map:tianditu-key',
  /** Development and test override: every street tile comes from this base (see the README). */
  tileBase: 'qingdao-plan-map:tile-base'
} as const;

/** The part of the Web Storage interface used here. */
export type StoragePort = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface BasemapPrefs {
  basemap: BasemapId;
  /** The key the user typed (the deployer's comes from the build), or null. */
  userKey: string | null;
  tileBase: string | null;
}

/** localStorage, or null where there is none (prerendering) or it refuses access (privacy settings). */
export function browserStorage(): StoragePort | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(storage: StoragePort | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: StoragePort | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // A full or locked storage only means the choice is not remembered; the map works the same.
  }
}

/** The suffix of the key a stored item that could not be read is moved to. */
export const CORRUPT_SUFFIX = '.corrupt';

/**
 * The stored preferences; anything stored that is not valid reads as absent. With `setAside`, each such
 * item is also moved to `<key>.corrupt` (kept for a person to look at, never read again) and removed, and
 * `setAside` is told the keys moved.
 */
export function readBasemapPrefs(
  storage: StoragePort | null,
  setAside?: (keys: string[]) => void
): BasemapPrefs {
  const moved: string[] = [];
  const valid = <T>(key: string, parse: (value: string | null) => T | null): T | null => {
    const raw = read(storage, key);
    const value = parse(raw);
    if (raw !== null && value === null && setAside) {
      write(storage, `${key}${CORRUPT_SUFFIX}`, raw);
      write(storage, key, null);
      moved.push(key);
    }
    return value;
  };
  const prefs = {
    basemap: valid(STORAGE_KEYS.basemap, parseBasemapId) ?? 'embedded',
    userKey: valid(STORAGE_KEYS.tiandituKey, normaliseKey),
    tileBase: valid(STORAGE_KEYS.tileBase, normaliseTileBase)
  };
  if (moved.length > 0) setAside?.(moved);
  return prefs;
}

/** Remembers the choice; the embedded basemap, the default, is remembered as nothing. */
export function writeBasemapChoice(storage: StoragePort | null, basemap: BasemapId): void {
  write(storage, STORAGE_KEYS.basemap, basemap === 'embedded' ? null : basemap);
}

/** Remembers a valid key, or forgets the key when given null. */
export function writeUserKey(storage: StoragePort | null, key: string | null): void {
  write(storage, STORAGE_KEYS.tiandituKey, key === null ? null : normaliseKey(key));
}
