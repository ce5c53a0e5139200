import { json } from '@sveltejs/kit';
import { targetsLedger } from '$lib/server/plan-data';
import type { RequestHandler } from './$types';

export const prerender = true;

/** The ledger's full rows and article titles, for the ledger page once it renders its entries itself. */
export const GET: RequestHandler = () => {
  const { targets, articles } = targetsLedger();
  return json({ targets, articles });
};
