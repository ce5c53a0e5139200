import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import type { Plan, PlanFeatureCollection } from '$lib/plan/schema';
import type { PageLoad } from './$types';

// Drawn in the browser only, from the same public data files as the map page (which the service worker
// keeps for offline use); the prerendered page is its shell.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
  const load = async (file: string) => {
    const response = await fetch(`${base}/data/${file}`);
    if (!response.ok) error(response.status, `Could not load ${base}/data/${file}`);
    return response.json() as Promise<unknown>;
  };
  const [plan, features] = await Promise.all([load('plan.json'), load('features.geojson')]);
  // Every file was validated against its schema when it was built.
  return { plan: plan as Plan, features: (features as PlanFeatureCollection).features };
};
