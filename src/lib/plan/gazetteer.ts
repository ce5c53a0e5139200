/**
 * The gazetteer published as /data/gazetteer.json: places people know by name — Qingdao's districts, its
 * towns and subdistricts (those with an open-data point), every operating metro station and the railway
 * stations in and near the city — each with one WGS-84 point, for search to fly to or start near-me from.
 * The plan's own features are not repeated here: they are searchable from /data/features.geojson.
 */

/** The kinds of place the gazetteer holds. `town` covers 镇 (and 乡, of which Qingdao has none). */
export const GAZETTEER_KINDS = ['district', 'town', 'subdistrict', 'metro-station', 'rail-station'] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];

export interface GazetteerPlace {
  /** Stable id: `district-370213`, `subdistrict-370213006`, `town-370285101`, the metro station's
   * feature id (`metro-station-2-5`, selectable on the map) or `rail-station-qingdao-north`. */
  id: string;
  name_zh: string;
  name_en: string;
  /** Other names a person may type: the short form (李村 for 李村街道, 李沧 for 李沧区), 西海岸新区 … */
  alt?: string[];
  kind: GazetteerKind;
  /** The adcode of the district the place lies in (`370213`); absent for a district itself. */
  district?: string;
  /** For a metro station: every line that serves it. */
  lines?: string[];
  lon: number;
  lat: number;
  /** Where the name and the point come from. */
  source: string;
}

export interface Gazetteer {
  /** The dataset-wide as-of date. */
  as_of: string;
  places: GazetteerPlace[];
}
