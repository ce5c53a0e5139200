import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import type { Plan, PlanFeatureCollection } from '$lib/plan/schema';
import type { PageLoad } from './$types';

// The map is drawn in the browser only; the prerendered page is its shell.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
  const [planResponse, featuresResponse] = await Promise.all([
    fetch(`${base}/data/plan.json`),
    fetch(`${base}/data/features.geojson`)
  ]);
  if (!planResponse.ok) error(planResponse.status, `Could not load ${base}/data/plan.json`);
  if (!featuresResponse.ok) error(featuresResponse.status, `Could not load ${base}/data/features.geojson`);
  // Both files were validated against the schemas when they were built.
  const plan = (await planResponse.json()) as Plan;
  const features = (await featuresResponse.json()) as PlanFeatureCollection;
  return { plan, features };
};
