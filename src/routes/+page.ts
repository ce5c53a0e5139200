import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { base } from '$app/paths';
import type { Plan, PlanFeatureCollection } from '$lib/plan/schema';
import type { MetroBuilding } from '$lib/plan/metro-building';
import type { PageLoad } from './$types';

/**
 * What the prerendered page is drawn from: no plan yet. The built `index.html` is then the page's shell —
 * header, search, the map's place and its buttons — which paints before any script has run; the browser
 * loads the data below before it takes the page over. (Prerendering with the data would inline every
 * feature into the HTML.)
 */
const SHELL = {
  plan: {
    as_of: '',
    source: { title_zh: '', issuers_zh: '', issued: '', file: '', note: '' },
    chapters: [],
    articles: [],
    targets: []
  } satisfies Plan,
  features: { type: 'FeatureCollection', features: [] } satisfies PlanFeatureCollection,
  building: { as_of: '', lines: [] } satisfies MetroBuilding
};

export const load: PageLoad = async ({ fetch }) => {
  if (!browser) return SHELL;
  const load = async (file: string) => {
    const response = await fetch(`${base}/data/${file}`);
    if (!response.ok) error(response.status, `Could not load ${base}/data/${file}`);
    return response.json() as Promise<unknown>;
  };
  const [plan, features, building] = await Promise.all([
    load('plan.json'),
    load('features.geojson'),
    load('metro-building.json')
  ]);
  // Every file was validated against its schema when it was built.
  return {
    plan: plan as Plan,
    features: features as PlanFeatureCollection,
    building: building as MetroBuilding
  };
};
