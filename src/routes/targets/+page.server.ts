import { targetsLedger } from '$lib/server/plan-data';
import { ledgerFilterRow } from '$lib/plan/targets-view';
import type { PageServerLoad } from './$types';

// Read from the built data when the page is prerendered; filters are applied in the browser. The page
// carries what its filters read of each target: its entries come as prerendered HTML (hooks.server.ts), and
// the full rows (ledger.json) are fetched only when the browser renders the ledger itself.
export const load: PageServerLoad = () => {
  const { asOf, chapters, targets } = targetsLedger();
  return { asOf, chapters, targets: targets.map(ledgerFilterRow) };
};
