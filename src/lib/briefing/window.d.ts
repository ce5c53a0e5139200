import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Camera, Slide } from './deck';
import type { KioskState } from './kiosk';

declare global {
  interface Window {
    /** The briefing's state, for tests and the console. */
    qingdaoBriefing?: {
      map: () => MapLibreMap | null;
      index: () => number;
      count: () => number;
      slide: () => Slide;
      /** The camera the current slide landed on (its own, or its box fitted to this screen, kept within the basemap). */
      camera: () => Camera | null;
      exploring: () => boolean;
      kiosk: () => KioskState;
      /** The user's layers drawn on the map now (ids, bottom first), once their code has loaded. */
      userLayers: () => Promise<{ id: string; visible: boolean }[]>;
    };
  }
}

export {};
