import type { Handle } from '@sveltejs/kit';

/**
 * The targets ledger is prerendered with its 187 entries as plain HTML that the browser does not hydrate
 * (hydrating them was the page's longest task on a phone). The page leaves an empty element for them
 * (PRERENDERED_LEDGER), which hydration never looks into; the entries are put into it here.
 */
export const handle: Handle = async ({ event, resolve }) => {
  if (event.route.id !== '/targets') return resolve(event);
  const [{ PRERENDERED_LEDGER, renderLedger }, { targetsLedger }] = await Promise.all([
    import('$lib/plan/ledger-html'),
    import('$lib/server/plan-data')
  ]);
  const { targets, chapters, articles } = targetsLedger();
  const ledger = renderLedger({ targets, chapters, articles });
  return resolve(event, {
    transformPageChunk: ({ html }) =>
      html.replace(PRERENDERED_LEDGER, PRERENDERED_LEDGER.replace('></div>', `>${ledger}</div>`))
  });
};
