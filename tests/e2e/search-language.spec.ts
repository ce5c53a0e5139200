import { test, expect, waitForMap } from './fixtures';

test('typing in the search box lists results as you type; picking one opens the article', async ({
  page
}) => {
  await page.goto('/');
  await waitForMap(page);
  const box = page.getByRole('search').getByRole('searchbox');
  await box.fill('352');
  const results = page.getByTestId('search-results');
  await expect(results.locator('a').first()).toContainText('第41条');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/articles\/41/);
  await expect(page.locator('h1')).toContainText('加快轨道交通和市政路网建设');
});

test('picking a place flies the map to it and opens its panel', async ({ page }) => {
  await page.goto('/#map=9/36.3/120.2');
  await waitForMap(page);
  await page.getByRole('search').getByRole('searchbox').fill('五四广场');
  await page.getByTestId('search-results').locator('a[data-type=feature]').first().click();
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toHaveText('五四广场');
  // The view moved in close to the station.
  await expect
    .poll(() => Number(new URL(page.url()).hash.match(/map=([\d.]+)/)?.[1] ?? 0))
    .toBeGreaterThan(12);
});

test('a district or town people know flies the map there, from any page', async ({ page, request }) => {
  const gazetteer = (await (await request.get('/data/gazetteer.json')).json()) as {
    places: { id: string; lon: number; lat: number }[];
  };
  const licang = gazetteer.places.find((p) => p.id === 'district-370213')!;
  await page.goto('/articles?lang=en');
  const box = page.getByRole('search').getByRole('searchbox');
  await box.fill('Licang');
  const first = page.getByTestId('search-results').locator('a').first();
  await expect(first).toHaveAttribute('data-type', 'place');
  await expect(first).toContainText('Licang District');
  await box.press('Enter');
  await waitForMap(page);
  // The map stands over the district's point, at a zoom that shows the whole district.
  await expect
    .poll(() => {
      const [zoom, lat, lon] = (new URL(page.url()).hash.match(/map=([^&]+)/)?.[1] ?? '')
        .split('/')
        .map(Number);
      return (
        zoom! >= 10 && zoom! <= 12 && Math.abs(lat! - licang.lat) < 0.01 && Math.abs(lon! - licang.lon) < 0.01
      );
    })
    .toBe(true);
  await expect(page).toHaveURL(/[?&]lang=en/);
});

test('switching the language changes the interface and survives a reload', async ({ page }) => {
  await page.goto('/#map=13/36.07/120.38&sel=metro-line-3');
  await waitForMap(page);
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toHaveText('地铁3号线');
  await expect(page.getByRole('link', { name: '条文' })).toBeVisible();

  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL(/[?&]lang=en/);
  await expect(panel.locator('h2')).toHaveText('Metro Line 3');
  await expect(page.getByRole('link', { name: 'Articles' })).toBeVisible();
  await expect(page.getByRole('search').getByRole('searchbox')).toHaveAttribute('placeholder', /Search/);
  // The rest of the link is kept: the view and the selection.
  expect(page.url()).toContain('sel=metro-line-3');

  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText('Metro Line 3');
  await expect(page.getByRole('link', { name: 'Targets' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
