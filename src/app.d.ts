// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { UserLayerState } from '$lib/map/plan-overlay';

declare global {
  namespace App {}

  interface Window {
    /** Scripting surface of the map page: the MapLibre map and the user-data layers drawn over it. */
    qingdaoPlanMap?: {
      map: MapLibreMap;
      /** Resolves once the layer is prepared and handed to the map (where that happens asynchronously). */
      addUserData: (id: string, data: GeoJSON.FeatureCollection, color?: string) => void | Promise<void>;
      removeUserData: (id: string) => void;
      /** The user layers as drawn, bottom first: visibility, opacity, and their first points. */
      userLayers: () => UserLayerState[];
    };
  }
}

export {};
