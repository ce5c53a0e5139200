import { describe, expect, it } from 'vitest';
import { errorReport, STACK_LINES } from '../../src/lib/errors/report';
import {
  CORRUPT_SUFFIX,
  STORAGE_KEYS,
  readBasemapPrefs,
  type StoragePort
} from '../../src/lib/state/basemap-prefs';

/** The keys readBasemapPrefs sets aside in `storage`. */
function setAsideCorruptPrefs(storage: StoragePort | null): string[] {
  let moved: string[] = [];
  readBasemapPrefs(storage, (keys) => (moved = keys));
  return moved;
}

function memoryStorage(initial: Record<string, string>): StoragePort & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key)
  };
}

describe('stored settings that cannot be read', () => {
  it('are moved to <key>.corrupt, the valid ones kept', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const storage = memoryStorage({
      [STORAGE_KEYS.basemap]: '{"broken json',
      [STORAGE_KEYS.tiandituKey]: key,
      [STORAGE_KEYS.tileBase]: 'javascript:alert(1)'
    });
    expect(setAsideCorruptPrefs(storage)).toEqual([STORAGE_KEYS.basemap, STORAGE_KEYS.tileBase]);
    expect(readBasemapPrefs(storage)).toEqual({ basemap: 'embedded', userKey: key, tileBase: null });
    expect(storage.items.get(`${STORAGE_KEYS.basemap}${CORRUPT_SUFFIX}`)).toBe('{"broken json');
    expect(storage.items.get(`${STORAGE_KEYS.tileBase}${CORRUPT_SUFFIX}`)).toBe('javascript:alert(1)');
    expect(storage.items.has(STORAGE_KEYS.basemap)).toBe(false);
    expect(storage.items.has(STORAGE_KEYS.tileBase)).toBe(false);
    expect(storage.items.get(STORAGE_KEYS.tiandituKey)).toBe(key);
    // Once set aside, nothing is left to move.
    expect(setAsideCorruptPrefs(storage)).toEqual([]);
  });

  it('a storage that refuses access moves nothing and throws nothing', () => {
    const refusing: StoragePort = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      }
    };
    expect(setAsideCorruptPrefs(refusing)).toEqual([]);
    expect(setAsideCorruptPrefs(null)).toEqual([]);
  });
});

describe('the error report', () => {
  it('names the version, address and error, with the first lines of the stack', () => {
    const error = new Error('it broke');
    const report = errorReport(`Error: ${error.message}`, error.stack, {
      version: '1.2.3',
      url: 'https://example.org/#map=12/36/120',
      time: new Date('2026-01-02T03:04:05Z'),
      userAgent: 'TestBrowser/1'
    });
    const lines = report.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Qingdao Plan Map 1.2.3',
      'URL: https://example.org/#map=12/36/120',
      'Time: 2026-01-02T03:04:05.000Z',
      'Browser: TestBrowser/1',
      'Message: Error: it broke'
    ]);
    const frames = lines.slice(5);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(STACK_LINES);
    expect(frames.every((line) => line.startsWith('  at '))).toBe(true);
  });
});
