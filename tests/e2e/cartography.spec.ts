/**
 * How the plan reads without interaction: names drawn on the map (from the zoom each fits, in the interface
 * language, following the layer filters, the selected one on top), and sketched lines drawn as the band
 * they may lie in rather than as a street-level alignment.
 */
import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  pixel,
  colourDistance,
  loadFeatures,
  quietPointOnLine
} from './fixtures';

const PORT = { lon: 119.797562, lat: 35.626117 }; // 董家口港区's label point (static/data, label_point)

/** The names MapLibre has placed on screen in one of the plan's label layers. */
function placedNames(page: Page, layer: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      window
        .qingdaoPlanMap!.map.queryRenderedFeatures({ layers: [id] })
        .map((f) => String(f.properties['name'])),
    layer
  );
}

test('the plan’s places are named on the map from the zoom they fit, in the interface language', async ({
  page
}) => {
  await page.goto(`/#map=12/${PORT.lat}/${PORT.lon}`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-area-labels')).toContain('董家口港区');
  await expect.poll(() => placedNames(page, 'plan-point-labels')).toContain('董家口LNG项目');

  // Below the zoom at which the port area is wider than its name, it is not named.
  await page.goto(`/#map=8/${PORT.lat}/${PORT.lon}`);
  await page.reload();
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-line-labels')).not.toEqual([]);
  expect(await placedNames(page, 'plan-area-labels')).not.toContain('董家口港区');

  // In English when the interface is; a hidden layer takes its names with it.
  await page.goto(`/?lang=en#map=11/${PORT.lat}/${PORT.lon}&layers=energy`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-point-labels')).toContain('Dongjiakou LNG terminal');
  expect(await placedNames(page, 'plan-area-labels')).not.toContain('Dongjiakou Port Area');
});

test('the selected feature’s name is drawn on top, once', async ({ page }) => {
  await page.goto(`/#map=11/${PORT.lat}/${PORT.lon}&sel=port-dongjiakou`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-selected-label')).toEqual(['董家口港区']);
  expect(await placedNames(page, 'plan-area-labels')).not.toContain('董家口港区');
});

/** Share of the points on a ring of `radius` pixels round (x, y) whose colour differs between two shots. */
function changedOnRing(a: PNG, b: PNG, x: number, y: number, radius: number): number {
  let changed = 0;
  const n = 24;
  for (let i = 0; i < n; i++) {
    const angle = (i / n) * 2 * Math.PI;
    const [px, py] = [x + radius * Math.cos(angle), y + radius * Math.sin(angle)];
    if (colourDistance(pixel(a, px, py), pixel(b, px, py)) > 6) changed++;
  }
  return changed / n;
}

/** The view with and without the transport layer (every other layer hidden), as pixels. */
async function withAndWithout(page: Page, view: { zoom: number; lat: number; lon: number }) {
  const hash = `#map=${view.zoom}/${view.lat}/${view.lon}`;
  await page.goto(`/${hash}&layers=transport`);
  await waitForMap(page);
  const shown = await screenshotPixels(page);
  await page.goto(`/${hash}&layers=`);
  await page.reload();
  await waitForMap(page);
  return { shown, hidden: await screenshotPixels(page), box: await mapBox(page) };
}

test('an indicative railway is a band as wide as its uncertainty at zoom 13, a metro line stays a line', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const railway = features.find((f) => f.properties.id === 'rail-jimo-haiyang')!;
  expect(railway.properties.precision).toBe('indicative');
  expect(railway.properties.uncertainty_m).toBe(3000);
  const [lon, lat] = railway.properties.label_point!;
  const view = { zoom: 13, lat, lon };
  const rail = await withAndWithout(page, view);
  const at = project(view, rail.box, lon, lat);
  // 3 km each side is about 190 px at zoom 13 here: 60 px off the line in every direction is still the band.
  expect(changedOnRing(rail.shown, rail.hidden, at.x, at.y, 60)).toBe(1);
  // The dashed line itself has faded out: nothing of its colour is left on it.
  const lineColour = [0xdf, 0x1b, 0x55];
  expect(colourDistance(pixel(rail.shown, at.x, at.y), lineColour)).toBeGreaterThan(60);

  const metro = features.find((f) => f.properties.id === 'metro-line-11')!;
  const [mLon, mLat] = quietPointOnLine(metro);
  const metroView = { zoom: 13, lat: mLat, lon: mLon };
  const line = await withAndWithout(page, metroView);
  const on = project(metroView, line.box, mLon, mLat);
  // Drawn at its middle, and nothing of it 25 px away.
  expect(changedOnRing(line.shown, line.hidden, on.x, on.y, 1.5)).toBeGreaterThan(0.5);
  expect(changedOnRing(line.shown, line.hidden, on.x, on.y, 25)).toBeLessThan(0.15);
});
