/** Folded panels remembered by the browser: `open` / `closed` read back, anything else set aside. */
import { describe, expect, it } from 'vitest';
import { panelKey, readPanelOpen, writePanelOpen } from '$lib/state/panel-prefs';
import type { PanelStorage as StoragePort } from '$lib/state/panel-prefs';

function memory(items: Record<string, string> = {}): StoragePort & { items: Record<string, string> } {
  return {
    items,
    getItem: (k) => items[k] ?? null,
    setItem: (k, v) => void (items[k] = v),
    removeItem: (k) => void delete items[k]
  };
}

describe('panel preferences', () => {
  it('reads back what was written, and nothing as null', () => {
    const storage = memory();
    expect(readPanelOpen('layers', storage)).toBeNull();
    writePanelOpen('layers', false, storage);
    expect(storage.items).toEqual({ [panelKey('layers')]: 'closed' });
    expect(readPanelOpen('layers', storage)).toBe(false);
    writePanelOpen('feature', true, storage);
    expect(readPanelOpen('feature', storage)).toBe(true);
  });

  it('sets an unreadable value aside and reads it as absent', () => {
    const key = panelKey('feature');
    const storage = memory({ [key]: '{"open":tru' });
    expect(readPanelOpen('feature', storage)).toBeNull();
    expect(storage.items).toEqual({ [`${key}.corrupt`]: '{"open":tru' });
  });

  it('works on with no storage, or one that refuses access', () => {
    expect(readPanelOpen('layers', null)).toBeNull();
    const refusing: StoragePort = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {}
    };
    expect(readPanelOpen('layers', refusing)).toBeNull();
    expect(() => writePanelOpen('layers', true, refusing)).not.toThrow();
  });
});
