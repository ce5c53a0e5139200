import { targetsLedger } from '$lib/server/plan-data';
import type { PageServerLoad } from './$types';

// Read from the built data when the page is prerendered; filters are applied in the browser.
export const load: PageServerLoad = () => targetsLedger();
