/**
 * Which datum a layer's points are most likely in, judged against known station positions (WGS-84): the
 * points are read as WGS-84, as GCJ-02 and as BD-09 in turn, and the reading that puts them on the
 * stations wins. Points are matched to stations by name when at least two names match ("五四广场",
 * "五四广场站", "Wusi Guangchang" all match), otherwise each point is compared with its nearest station.
 * Pure: the importer and the tests call it the same way.
 */
import { toWgs84, DATUMS, type XY } from './crs';
import type { Datum, DatumSuggestion, Station } from './types';

/** A point to test, with the name it carries if any. */
export interface NamedPoint {
  name?: string;
  lonlat: XY;
}

/** Great-circle distance in metres (haversine on the mean Earth radius). */
export function metres(a: XY, b: XY): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A station name reduced for matching: no spaces, brackets, "地铁" prefix or "站"/"station" suffix. */
export function stationKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/^(青岛)?地铁/, '')
    .replace(/(地铁站|站|station|metro station)$/u, '')
    .replace(/[\s·・'’-]+/g, '');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median must be under this many metres for a reading to be called likely … */
const LIKELY_WITHIN_M = 150;
/** … and the next-best reading this many times farther. */
const MARGIN = 2;
/** Proximity mode: points farther than this from every station (under every reading) are not used. */
const NEAR_M = 2000;
/** Proximity mode needs at least this many points near stations. */
const MIN_NEAR = 5;

/** At most this many points are compared, evenly spaced through the layer, to bound the work. */
export const MAX_POINTS = 2000;

/** The likely datum of `all`, or null when there is too little to go on. */
export function suggestDatum(
  all: readonly NamedPoint[],
  stations: readonly Station[]
): DatumSuggestion | null {
  if (!all.length || !stations.length) return null;
  const step = all.length / MAX_POINTS;
  const points =
    all.length <= MAX_POINTS ? all : Array.from({ length: MAX_POINTS }, (_, i) => all[Math.floor(i * step)]!);
  const readers = Object.fromEntries(DATUMS.map((d) => [d, toWgs84(d)])) as Record<Datum, (xy: XY) => XY>;
  const byName = new Map<string, XY>();
  for (const s of stations) {
    for (const n of [s.name_zh, s.name_en]) if (n) byName.set(stationKey(n), s.lonlat);
  }
  const named = points.flatMap((p) => {
    const at = p.name ? byName.get(stationKey(p.name)) : undefined;
    return at ? [{ p: p.lonlat, at }] : [];
  });
  let by: DatumSuggestion['by'];
  let distances: Record<Datum, number[]>;
  if (named.length >= 2) {
    by = 'names';
    distances = Object.fromEntries(
      DATUMS.map((d) => [d, named.map(({ p, at }) => metres(readers[d](p), at))])
    ) as Record<Datum, number[]>;
  } else {
    by = 'proximity';
    distances = { WGS84: [], GCJ02: [], BD09: [] };
    for (const { lonlat } of points) {
      const nearest = DATUMS.map((d) => {
        const q = readers[d](lonlat);
        let best = Infinity;
        for (const s of stations) best = Math.min(best, metres(q, s.lonlat));
        return best;
      });
      if (Math.min(...nearest) > NEAR_M) continue;
      DATUMS.forEach((d, i) => distances[d].push(nearest[i]!));
    }
    if (distances.WGS84.length < MIN_NEAR) return null;
  }
  const medianMetres = Object.fromEntries(DATUMS.map((d) => [d, median(distances[d])])) as Record<
    Datum,
    number
  >;
  const ranked = [...DATUMS].sort((a, b) => medianMetres[a] - medianMetres[b]);
  const [best, second] = [ranked[0]!, ranked[1]!];
  const likely =
    medianMetres[best] < LIKELY_WITHIN_M && medianMetres[second] >= MARGIN * medianMetres[best] ? best : null;
  return { likely, by, points: distances.WGS84.length, medianMetres };
}
