/**
 * The Tianditu key whoever deploys the site supplies at build time (`PUBLIC_TIANDITU_KEY`), or null. It
 * ends up in the page, as every browser key does: Tianditu keys are meant to be limited to the site's
 * domain in the Tianditu console.
 */
import * as publicEnv from '$env/static/public';
import { normaliseKey } from './basemap-ids';

// Read through the namespace: a build without the variable must still build, with no key.
export const DEPLOYER_TIANDITU_KEY: string | null = normaliseKey(
  (publicEnv as Record<string, string | undefined>).PUBLIC_TIANDITU_KEY
);
