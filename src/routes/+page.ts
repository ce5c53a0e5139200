import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { base } from '$app/paths';
import { langFromSearch } from '$lib/i18n/lang';
import { MAP_PAGE_FILES } from '$lib/data/map-page-files';
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
  let data;
  try {
    const [plan, features, building] = (await Promise.all(
      MAP_PAGE_FILES.map(async (file) => {
        const response = await fetch(`${base}/data/${file}`);
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        return response.json();
      })
    )) as [Plan, PlanFeatureCollection, MetroBuilding];
    // Every file was validated against its schema when it was built; this only glances at its structure.
    if (!plan?.articles || !features?.features || !building?.lines) throw new Error('unexpected structure');
    data = { plan, features, building };
  } catch (e) {
    // A missing or broken data file: which one and what is wrong is worked out only now, by a module
    // loaded only now, and the error screen names it (+error.svelte).
    const { dataErrorText, diagnoseDataFiles } = await import('$lib/data/data-file');
    const fault = await diagnoseDataFiles(fetch, base, MAP_PAGE_FILES);
    if (!fault) error(500, String(e));
    const lang = langFromSearch(location.search);
    error(500, { ...(await dataErrorText(fault, lang)), file: fault.file });
  }
  return data;
};
