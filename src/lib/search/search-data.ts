/**
 * Loads the public data files once per page and builds the search index from them. Fetched only when a
 * person first uses the search box, so pages that never search never download the whole plan for it. The
 * search box imports this module (and with it the search code) at that moment too.
 */
import type { Gazetteer } from '$lib/plan/gazetteer';
import type { Plan, PlanFeatureCollection } from '$lib/plan/schema';
import { buildSearchIndex, search, type SearchHit, type SearchIndex } from './search';

let pending: Promise<SearchIndex> | null = null;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The search index for the site whose root is `base`; the first call loads it, later calls share it. */
export function loadSearchIndex(base: string): Promise<SearchIndex> {
  pending ??= Promise.all([
    fetchJson<Plan>(`${base}/data/plan.json`),
    fetchJson<PlanFeatureCollection>(`${base}/data/features.geojson`),
    fetchJson<Gazetteer>(`${base}/data/gazetteer.json`)
  ]).then(([plan, features, gazetteer]) => buildSearchIndex(plan, features.features, gazetteer.places));
  // A failed load may be retried on the next attempt rather than remembered.
  pending.catch(() => (pending = null));
  return pending;
}

/** A search over the site whose root is `base`, once its index is loaded: a query to its hits. */
export async function loadSearch(base: string): Promise<(query: string) => SearchHit[]> {
  const index = await loadSearchIndex(base);
  return (query) => search(index, query);
}
