import { error } from '@sveltejs/kit';
import { articleNumbers, articlePage } from '$lib/server/plan-data';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Every article of the plan is prerendered, linked or not. */
export const entries: EntryGenerator = () => articleNumbers().map((n) => ({ n: String(n) }));

export const load: PageServerLoad = ({ params }) => {
  const n = /^\d{1,3}$/.test(params.n) ? Number(params.n) : NaN;
  const data = Number.isInteger(n) ? articlePage(n) : null;
  if (!data) error(404, `The plan has no article ${params.n}`);
  return data;
};
