/** Messages between the plan overlay (plan-overlay.ts) and the user-data worker (user-data.worker.ts). */
import type { LayerStyle, LegendEntry } from '$lib/user/style';
import type { LevelColours, UserLod } from './user-lod';

export type UserDataRequest =
  | {
      type: 'build';
      id: number;
      key: string;
      data: GeoJSON.FeatureCollection;
      /** The key its features were sent under in parts, if they were. */
      parts?: string;
      style?: LayerStyle;
    }
  | { type: 'style'; id: number; key: string; style: LayerStyle }
  | { type: 'drop'; id: number; key: string }
  /** Some of a layer's features, ahead of its 'build' (which then carries none): see UserLayerSet.set. */
  | { type: 'part'; id: number; key: string; features: GeoJSON.Feature[] }
  /** The feature a picked part belongs to: `index` counts the level's points, segments or polygon vertices. */
  | { type: 'feature'; id: number; key: string; level: number; family: PartFamily; index: number };

export type PartFamily = 'points' | 'lines' | 'polygons';

/** One feature of a user's layer, as the map shows it when it is hovered or clicked. */
export interface UserFeature {
  /** Its place in the layer (0 first). */
  index: number;
  properties: Record<string, unknown>;
  /** `[west, south, east, north]`, or null without coordinates. */
  bbox: [number, number, number, number] | null;
}

export interface UserDataResponse {
  id: number;
  lod?: UserLod;
  /** Per level, for a style by property. */
  colours?: LevelColours[];
  legend?: LegendEntry[];
  feature?: UserFeature;
  error?: string;
}
