import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import { DataFileError, fetchDataFile } from '$lib/data/data-file';
import type { Plan, PlanFeatureCollection } from '$lib/plan/schema';
import type { MetroBuilding } from '$lib/plan/metro-building';
import type { PageLoad } from './$types';

// The map is drawn in the browser only; the prerendered page is its shell.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
  try {
    const [plan, features, building] = await Promise.all(
      ['plan.json', 'features.geojson', 'metro-building.json'].map((file) => fetchDataFile(fetch, base, file))
    );
    // Every file was validated against its schema when it was built.
    return {
      plan: plan as Plan,
      features: features as PlanFeatureCollection,
      building: building as MetroBuilding
    };
  } catch (e) {
    // A missing or broken data file: the error screen names it and says what is wrong (+error.svelte).
    if (e instanceof DataFileError) error(500, { message: e.message, file: e.file, problem: e.problem });
    throw e;
  }
};
