/**
 * The data files the map page loads (src/routes/+page.ts), under the site's `data/`. Its HTML also names
 * them for preloading, so that they download alongside the page's code rather than after it has started.
 */
export const MAP_PAGE_FILES = ['plan.json', 'features.geojson', 'metro-building.json'] as const;
