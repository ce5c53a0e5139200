/**
 * Every link works: garbage in the map page's hash gives a working map with the bad part ignored, a short
 * notice and the corrected link in the address bar; an address that is not a page gets the site's own 404
 * page, with its header, search and a way back.
 */
import type { Page } from '@playwright/test';
import type { PlanFeature } from '../../src/lib/plan/schema';
import { hexToRgba } from '../../src/lib/map/colour';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  nearestColourDistance,
  loadFeatures,
  quietPointOnLine
} from './fixtures';
import { MAX_BOUNDS, MAX_ZOOM, MIN_ZOOM } from '../../src/lib/map/extent';

/** Where screenshots go when asked for (`LINK_SHOTS=dir`). */
const SHOTS = process.env.LINK_SHOTS;

/** The view MapLibre keeps in the address bar. */
function viewInUrl(url: string): { zoom: number; lat: number; lon: number } {
  const match = new URL(url).hash.match(/map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)(&|$)/);
  if (!match) throw new Error(`no map view in ${url}`);
  return { zoom: Number(match[1]), lat: Number(match[2]), lon: Number(match[3]) };
}

async function expectSaneView(page: Page): Promise<void> {
  await expect(page).toHaveURL(/map=/);
  const view = viewInUrl(page.url());
  const [[west, south], [east, north]] = MAX_BOUNDS;
  expect(view.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
  expect(view.zoom).toBeLessThanOrEqual(MAX_ZOOM);
  expect(view.lat >= south && view.lat <= north && view.lon >= west && view.lon <= east, page.url()).toBe(
    true
  );
}

test.describe('links with garbage in them', () => {
  let line: PlanFeature;
  test.beforeAll(async ({ request }) => {
    line = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-line-3')!;
  });

  // A filter that is garbage must not blank the map: metro line 3 is still drawn where it runs.
  for (const [extra, says] of [
    ['chapter=0x4', 'chapter=0x4'],
    ['layers=nosuchlayer', 'layers=nosuchlayer'],
    ['status=bogus', 'status=bogus'],
    ['foo=bar', 'foo=bar']
  ] as const) {
    test(`#…&${extra} draws the plan, says what it ignored and drops it from the link`, async ({ page }) => {
      const [lon, lat] = quietPointOnLine(line);
      const view = { zoom: 14, lat, lon };
      await page.goto(`/#map=${view.zoom}/${lat}/${lon}&${extra}`);
      await waitForMap(page);
      const notice = page.getByTestId('link-notice');
      await expect(notice).toContainText(says);
      expect(page.url()).not.toContain(extra);
      const size = await mapBox(page);
      const centre = project(view, size, lon, lat);
      const png = await screenshotPixels(page);
      expect(
        nearestColourDistance(png, centre.x, centre.y, hexToRgba(line.properties.color!), 3),
        'metro line 3 drawn'
      ).toBeLessThan(30);
      await notice.getByRole('button').click();
      await expect(notice).toBeHidden();
    });
  }

  for (const [hash, says] of [
    ['map=99/89.9/120', 'map=99/89.9/120'],
    ['map=-3/36/120', 'map=-3/36/120 → 7.5/36/120'],
    ['map=12/36.0631/Infinity', 'map=12/36.0631/Infinity']
  ] as const) {
    test(`#${hash} gives a working map at a sane view with a notice`, async ({ page }) => {
      await page.goto(`/#${hash}`);
      await waitForMap(page);
      await expect(page.getByTestId('link-notice')).toContainText(says);
      await expectSaneView(page);
      expect(page.url()).not.toContain(hash);
    });
  }

  test('garbage typed into the hash of an open map is tidied before the map reads it', async ({ page }) => {
    await page.goto('/#map=11/36.1/120.4');
    await waitForMap(page);
    await page.evaluate(() => (location.hash = '#map=12/36.0631/Infinity&chapter=0x4'));
    await expect(page.getByTestId('link-notice')).toContainText('map=12/36.0631/Infinity');
    await expect(page.getByTestId('link-notice')).toContainText('chapter=0x4');
    // Nothing usable was left: the map stays where it was (a page error here means it read the garbage).
    await expect(page).not.toHaveURL(/Infinity|0x4/);
    await waitForMap(page);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test('the notice fits the screen and names the ignored part', async ({ page }) => {
      await page.goto('/?lang=en#map=12/36.0631/Infinity&chapter=0x4&layers=nosuchlayer&foo=bar');
      await waitForMap(page);
      const notice = page.getByTestId('link-notice');
      await expect(notice).toContainText('Ignored part of the link');
      await expect(notice).toContainText('and 1 more');
      const box = (await notice.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/link-notice-390x844.png` });
    });
  });
});

test('the ledger names the parts of its query it did not use and keeps the rest', async ({ page }) => {
  await page.goto('/targets?chapter=0x4&kind=percent&foo=bar');
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('chapter=0x4');
  await expect(notice).toContainText('foo=bar');
  await expect(page).toHaveURL(/\/targets\?kind=percent$/);
  // The filter it could use is applied: fewer than all 187 targets are listed.
  await expect(page.getByTestId('target-count')).not.toHaveAttribute('data-count', '187');
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
});

test.describe('an address that is not a page', () => {
  test.use({ expectedProblems: [/404.*\/articles\/(121|1\/|%E9%9D%92)(\?lang=en)?\)?$/] });

  for (const path of ['/articles/121', '/articles/1/', '/articles/%E9%9D%92']) {
    test(`${path} gets the site's 404 page with its header, search and a way back`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId('not-found').getByRole('heading', { level: 1 })).toHaveText(
        '找不到这个页面'
      );
      await expect(page.getByTestId('not-found')).toContainText(decodeURIComponent(path));
      // The header, with search working on this page as on any other.
      const box = page.getByRole('search').getByRole('searchbox');
      await box.fill('董家口');
      await expect(page.getByTestId('search-results').locator('a').first()).toBeVisible();
      await box.fill('');
      // The way back to the map.
      await page.getByTestId('not-found').getByRole('link', { name: '回到地图' }).click();
      await expect(page).toHaveURL(/\/(#.*)?$/);
      await waitForMap(page);
    });
  }

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test('the 404 page in English', async ({ page }) => {
      const response = await page.goto('/articles/121?lang=en');
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId('not-found').getByRole('heading', { level: 1 })).toHaveText(
        'Page not found'
      );
      await expect(page.getByRole('link', { name: 'Back to the map' })).toHaveAttribute('href', '/?lang=en');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/not-found-390x844.png` });
    });
  });
});
