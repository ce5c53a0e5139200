/**
 * How the search box lists a hit and where it leads: loaded with the search code on first use of the box.
 */
import { fill } from '$lib/i18n/format';
import { language } from '$lib/i18n/lang.svelte';
import { t, type MessageKey } from '$lib/i18n/messages';
import type { GazetteerPlace } from '$lib/plan/gazetteer';
import type { SearchHit } from './search';

/** The page a hit leads to. */
export function hitHref(hit: SearchHit, base: string): string {
  if (hit.type === 'article') return `${base}/articles/${hit.article.n}`;
  if (hit.type === 'target') {
    return hit.target.article === null
      ? `${base}/targets?chapter=${hit.target.chapter}#target-${hit.target.id}`
      : `${base}/articles/${hit.target.article}#target-${hit.target.id}`;
  }
  if (hit.type === 'place') {
    const { lon, lat, kind } = hit.place;
    return `${base}/#map=${PLACE_ZOOM[kind]}/${lat}/${lon}`;
  }
  return `${base}/#sel=${hit.feature.properties.id}`;
}

/** How close the map comes to a place picked from the gazetteer: a district whole, a station's streets. */
const PLACE_ZOOM: Record<GazetteerPlace['kind'], number> = {
  district: 11,
  town: 13,
  subdistrict: 13,
  'rail-station': 14,
  'metro-station': 15
};

const PLACE_KIND_KEYS: Record<GazetteerPlace['kind'], MessageKey> = {
  district: 'placeDistrict',
  town: 'placeTown',
  subdistrict: 'placeSubdistrict',
  'rail-station': 'placeRailStation',
  'metro-station': 'placeMetroStation'
};

/** How a hit is listed: its kind, its name in the page's language, its name in the other. */
export function hitLabel(hit: SearchHit): { kind: string; main: string; sub: string } {
  const en = language.current === 'en';
  if (hit.type === 'article') {
    const a = hit.article;
    return {
      kind: en ? `${t('article')} ${a.n}` : `第${a.n}条`,
      main: en ? a.title_en : a.title_zh,
      sub: en ? a.title_zh : a.title_en
    };
  }
  if (hit.type === 'target') {
    const g = hit.target;
    const figure = g.value === null ? '' : ` ${g.comparator ?? ''}${g.value} ${g.unit}`;
    return {
      kind: t('target'),
      main: `${en ? g.metric_en : g.metric_zh}${figure}`,
      sub:
        g.article === null ? `${t('chapter')} ${g.chapter}` : en ? `Article ${g.article}` : `第${g.article}条`
    };
  }
  if (hit.type === 'place') {
    const p = hit.place;
    return {
      kind: t(PLACE_KIND_KEYS[p.kind]),
      main: en ? p.name_en : p.name_zh,
      sub: en ? p.name_zh : p.name_en
    };
  }
  const p = hit.feature.properties;
  return { kind: t('feature'), main: en ? p.name_en : p.name_zh, sub: en ? p.name_zh : p.name_en };
}

/**
 * Near-me from a place: a gazetteer place or a plan feature that is a point (a station); the map opens on
 * the plan's projects around it. Lines and areas have no single point to start from.
 */
export function hitNearHref(hit: SearchHit, base: string): string | null {
  if (hit.type === 'place') return `${base}/#near=${hit.place.lon},${hit.place.lat}`;
  if (hit.type === 'feature' && hit.feature.geometry.type === 'Point') {
    const [lon, lat] = hit.feature.geometry.coordinates;
    return `${base}/#near=${lon},${lat}`;
  }
  return null;
}

/** The accessible name of a hit's near-me link. */
export function nearLabel(name: string): string {
  return fill(t('nearHereLabel'), { name });
}
