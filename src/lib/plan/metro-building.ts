/**
 * The metro lines under construction, as published in /data/metro-building.json: every line or section
 * article 41 advances, drawn on the map (`feature_id`) only where its station positions are known.
 */
/** The article that advances the lines under construction ("推进……等8条线路建设"). */
export const BUILDING_ARTICLE = 41;

export interface BuildingLine {
  id: string;
  name_zh: string;
  name_en: string;
  /** The words article 41 uses for the line, when it names it. */
  plan_name_zh: string | null;
  status: 'under-construction' | 'planned';
  status_source: string;
  termini_zh: [string, string];
  /** Stations in line order where a source lists them (temporary names); empty when none does. */
  stations_zh: string[];
  length_official_km: number | null;
  station_count_official: number | null;
  opening_expected: string | null;
  /** Drawing colour: the operating line it extends, else null. */
  color: string | null;
  /** The map feature drawing it, or null when too few of its stations have known positions. */
  feature_id: string | null;
  route_note: string;
  sources: string[];
}

export interface MetroBuilding {
  /** The dataset-wide as-of date. */
  as_of: string;
  lines: BuildingLine[];
}

/** What the lines under construction add up to: their count and the official lengths that are known. */
export function buildingSummary(lines: readonly BuildingLine[]): {
  lines: number;
  drawn: number;
  knownKm: number;
  knownCount: number;
} {
  const known = lines.filter((l) => l.length_official_km !== null);
  return {
    lines: lines.length,
    drawn: lines.filter((l) => l.feature_id !== null).length,
    knownKm: known.reduce((sum, l) => sum + (l.length_official_km ?? 0), 0),
    knownCount: known.length
  };
}
