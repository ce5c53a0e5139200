/** Messages between the plan overlay (plan-overlay.ts) and the user-data worker (user-data.worker.ts). */
import type { LayerStyle, LegendEntry } from '$lib/user/style';
import type { LevelColours, UserLod } from './user-lod';

export type UserDataRequest =
  | { type: 'build'; id: number; key: string; data: GeoJSON.FeatureCollection; style?: LayerStyle }
  | { type: 'style'; id: number; key: string; style: LayerStyle }
  | { type: 'drop'; id: number; key: string };

export interface UserDataResponse {
  id: number;
  lod?: UserLod;
  /** Per level, for a style by property. */
  colours?: LevelColours[];
  legend?: LegendEntry[];
  error?: string;
}
