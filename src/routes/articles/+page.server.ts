import { articleIndex } from '$lib/server/plan-data';
import type { PageServerLoad } from './$types';

// Read from the built data when the page is prerendered: the index carries no article text.
export const load: PageServerLoad = () => ({ chapters: articleIndex() });
