import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import TargetLedger from '$lib/components/TargetLedger.svelte';

/** The element of the ledger page that the prerendered ledger is put into (see hooks.server.ts). */
export const PRERENDERED_LEDGER = '<div id="ledger-prerendered"></div>';

/**
 * The ledger as static HTML: Svelte renders it, escaping every string from the data as on any page. Its
 * hydration markers are dropped, since the browser never hydrates it; they are Svelte's only comments, as
 * a `<` in the data comes out escaped.
 */
export function renderLedger(props: ComponentProps<typeof TargetLedger>): string {
  return render(TargetLedger, { props }).body.replace(/<!--[^]*?-->/g, '');
}
