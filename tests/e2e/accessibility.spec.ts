/**
 * WCAG 2.2 AA on every route, by axe-core: no serious or critical violation on the map (with a feature
 * selected), the chapter index, an article, the ledger, in both languages and at phone size.
 */
import { seriousViolations } from './axe';
import { test, expect, waitForMap } from './fixtures';

const ROUTES = [
  { name: 'the chapter index', path: '/articles' },
  { name: 'an article', path: '/articles/41' },
  { name: 'the targets ledger', path: '/targets' },
  { name: 'an article in English', path: '/articles/37?lang=en' },
  { name: 'the ledger in English, filtered', path: '/targets?lang=en&outcome=yes' }
];

for (const route of ROUTES) {
  test(`no serious accessibility violation on ${route.name}`, async ({ page }) => {
    await page.goto(route.path);
    await expect(page.locator('h1')).toBeVisible();
    // An article's small map is checked as it ends up, not half-built.
    const miniMap = page.getByTestId('article-map');
    if ((await miniMap.count()) > 0) {
      // The small map loads as it comes near the screen.
      await miniMap.scrollIntoViewIfNeeded();
      await expect(miniMap).toHaveAttribute('data-ready', 'true');
    }
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('no serious accessibility violation on the map with a feature selected', async ({ page }) => {
  await page.goto('/#map=12/36.07/120.38&sel=metro-line-3');
  await waitForMap(page);
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious accessibility violation with near-me open on a phone, in both languages', async ({
  page
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/#near=120.3826,36.0631&r=3', '/?lang=en#near=120.3826,36.0631&r=3']) {
    await page.goto(path);
    await waitForMap(page);
    await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('no serious accessibility violation on a phone, map and ledger', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#map=11/36.1/120.4');
  await waitForMap(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/targets');
  await expect(page.locator('h1')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious accessibility violation on a phone with the feature sheet open at each height, in both languages', async ({
  page
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    '/#map=12/36.07/120.38&sel=metro-line-3',
    '/?lang=en#map=12/36.07/120.38&sel=metro-line-3'
  ]) {
    await page.goto(path);
    await waitForMap(page);
    const sheet = page.getByTestId('feature-sheet');
    await expect(sheet.getByTestId('feature-panel')).toBeVisible();
    for (const snap of ['full', 'peek', 'half']) {
      await sheet.getByTestId('sheet-handle').click();
      await expect(sheet).toHaveAttribute('data-snap', snap);
      // Check the sheet at rest: mid-slide it half covers the map's buttons, which no one taps.
      await expect
        .poll(async () => {
          const a = (await sheet.boundingBox())?.y;
          await page.waitForTimeout(100);
          return a === (await sheet.boundingBox())?.y;
        })
        .toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    }
  }
});

test('no serious accessibility violation with the search results open, their Near links focused', async ({
  page
}) => {
  await page.goto('/');
  await waitForMap(page);
  await page.getByRole('search').getByRole('searchbox').fill('五四广场');
  await expect(page.getByTestId('search-near').first()).toBeVisible();
  await page.getByTestId('search-near').first().focus();
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious accessibility violation with the list twin open, wide and on a phone, in both languages', async ({
  page
}) => {
  // Two map views and two axe runs: more than the default test time on a busy machine.
  test.slow();
  await page.goto('/#map=12/36.07/120.38&sel=metro-line-3');
  await waitForMap(page, 60_000);
  await page.getByTestId('list-button').click();
  await expect(page.getByTestId('feature-list').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lang=en#map=12/36.07/120.38&near=120.3826,36.0631&r=3');
  await waitForMap(page, 60_000);
  await page.getByTestId('list-button').click();
  await expect(page.getByTestId('feature-list').getByTestId('feature-list-distance').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
