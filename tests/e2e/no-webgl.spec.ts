/**
 * Without WebGL (Chromium started with WebGL and the 3D APIs turned off) the map page still works: it says
 * why there is no map, in Chinese and in English, and lists every feature of the plan (counted from the
 * served data); filters, the feature panel, search and near-me from a typed place all still work.
 */
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { seriousViolations } from './axe';
import { test, expect, loadFeatures } from './fixtures';

test.use({
  launchOptions: {
    executablePath: findChromium() ?? undefined,
    args: [
      ...CHROMIUM_ARGS,
      '--disable-webgl',
      '--disable-3d-apis',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'
    ]
  }
});

test('with no WebGL the page says why there is no map and lists every feature', async ({ page, request }) => {
  const features = await loadFeatures(request);
  await page.goto('/');
  const notice = page.getByTestId('no-map-notice');
  await expect(notice).toContainText('WebGL 2');
  await expect(notice).toContainText('没有地图');
  // No map was made: no canvas, no map controls, no list/map toggle.
  await expect(page.locator('canvas')).toHaveCount(0);
  await expect(page.getByTestId('list-button')).toHaveCount(0);

  // Every feature, with no view to narrow it.
  const rows = page.getByTestId('feature-list').locator('li[data-id]');
  await expect(rows).toHaveCount(features.length);
  const ids = await rows.evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id!));
  expect(ids.sort()).toEqual(features.map((f) => f.properties.id).sort());
  await expect(page.getByTestId('feature-list-count')).toContainText(`共 ${features.length} 个要素`);

  // The filters still apply: a layer switched off leaves the list.
  const transport = features.filter((f) => f.properties.layer === 'transport').length;
  await page.getByTestId('layers-panel').locator('[data-layer=transport] input[type=checkbox]').uncheck();
  await expect(rows).toHaveCount(features.length - transport);
  await expect(page).toHaveURL(/layers=/);
  await page.getByTestId('layers-panel').locator('[data-layer=transport] input[type=checkbox]').check();
  await expect(rows).toHaveCount(features.length);

  // A row opens the panel with its articles.
  const row = page.getByTestId('feature-list').locator('li[data-id="metro-line-3"]');
  await row.getByRole('button').click();
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toHaveText('地铁3号线');
  await expect(panel).toContainText('第41条');
  await expect(page).toHaveURL(/sel=metro-line-3/);
  await expect(row).toHaveClass(/selected/);
  await panel.getByRole('button', { name: '关闭' }).click();

  // Near-me from a place typed in the search box: distances in the list, nearest first.
  await page.getByRole('search').getByRole('searchbox').fill('五四广场');
  await page.getByTestId('search-near').first().click();
  await expect(page).toHaveURL(/near=120\.\d+,36\.\d+/);
  await expect(page.getByTestId('near-list').locator('li[data-id="metro-station-2-17"]')).toBeVisible();
  await expect(page.getByTestId('feature-list-count')).toContainText('按到起点的距离排列');
  const km = await rows.evaluateAll((items) =>
    items.map((li) => Number((li as HTMLElement).dataset.distance))
  );
  expect(km).toHaveLength(features.length);
  expect(km.every(Number.isFinite)).toBe(true);
  expect([...km].sort((a, b) => a - b)).toEqual(km);
  expect(ids).toContain('metro-station-2-17');
});

test('the notice and the list speak English with ?lang=en', async ({ page, request }) => {
  const features = await loadFeatures(request);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lang=en');
  await expect(page.getByTestId('no-map-notice')).toContainText('so there is no map');
  await expect(page.getByTestId('feature-list-count')).toContainText(`All ${features.length} features`);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const list = await page.getByTestId('feature-list').boundingBox();
  expect(list!.x).toBeGreaterThanOrEqual(0);
  expect(list!.x + list!.width).toBeLessThanOrEqual(390);
});

test('no serious accessibility violation on the map page as a list, with a feature selected', async ({
  page
}) => {
  await page.goto('/#sel=metro-line-3');
  await expect(page.getByTestId('no-map-notice')).toBeVisible();
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
