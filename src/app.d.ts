// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { UserLayerSet } from '$lib/map/user-layer-set';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** The error screen's title, where there is more to say than the status. */
      title?: string;
      /** A data file the page could not use (`data/plan.json`). */
      file?: string;
    }
  }

  interface Window {
    /** Scripting surface of the map page: the MapLibre map and the user-data layers drawn over it. */
    qingdaoPlanMap?: {
      map: MapLibreMap;
      /** Resolves once the layer is prepared and handed to the map (where that happens asynchronously). */
      addUserData: (id: string, data: GeoJSON.FeatureCollection, color?: string) => void | Promise<void>;
      removeUserData: (id: string) => void;
      /** Settles once each kind of a user's layer has been drawn once (its program built), at idle. */
      warmed: Promise<void>;
      /** The user layers as drawn (their code loads when first asked for). */
      userLayerSet: () => Promise<UserLayerSet>;
    };
  }
}

export {};
