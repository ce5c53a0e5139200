/**
 * Which map-page panels the browser remembers folded: the layers panel, the feature panel, the legend and the
 * list stay as the user left them across reloads. Stored as `open` or `closed`; anything else reads as absent and is set
 * aside to `<key>.corrupt`, as unreadable basemap settings are (basemap-prefs.ts), without a notice: a
 * panel opening as it does by default is all that follows. Used only
 * by the panels, which load after the map's first frame: nothing here is part of what that frame waits for.
 */
export type PanelId = 'layers' | 'feature' | 'legend' | 'list';

/** The part of the Web Storage interface used here. */
export type PanelStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const panelKey = (panel: PanelId) => `qingdao-plan-map:panel-${panel}`;

/** localStorage, or null where there is none or it refuses access. */
function storage(): PanelStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Whether the panel was left open (true), folded (false), or null when nothing usable is stored. */
export function readPanelOpen(panel: PanelId, store: PanelStorage | null = storage()): boolean | null {
  const key = panelKey(panel);
  try {
    const raw = store?.getItem(key) ?? null;
    if (raw === null || raw === 'open' || raw === 'closed') return raw === null ? null : raw === 'open';
    store!.setItem(`${key}.corrupt`, raw);
    store!.removeItem(key);
  } catch {
    // Storage that refuses access: nothing is remembered, the panel opens as it would by default.
  }
  return null;
}

/** Remembers the panel open or folded; a full or locked storage only means it is not remembered. */
export function writePanelOpen(panel: PanelId, open: boolean, store: PanelStorage | null = storage()): void {
  try {
    store?.setItem(panelKey(panel), open ? 'open' : 'closed');
  } catch {
    // Not remembered; the panel works the same.
  }
}
