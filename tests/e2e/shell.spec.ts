/**
 * The map page's shell paints before any script: the prerendered HTML has the header, the search box and
 * the map's place with its buttons, and none of the plan's data (that loads in the browser).
 */
import { test, expect } from './fixtures';

test.use({ javaScriptEnabled: false });

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 720 }
]) {
  test(`without scripts the map page shows its header, search and the map's place (${viewport.width}×${viewport.height})`, async ({
    page
  }) => {
    await page.setViewportSize(viewport);
    const response = await page.goto('/');
    const html = (await response!.text()) ?? '';
    // The features are fetched by the browser, not written into the page.
    expect(html).not.toContain('FeatureCollection');
    expect(html.length).toBeLessThan(30_000);

    await expect(page.locator('header a').first()).toBeVisible();
    await expect(page.getByRole('searchbox')).toBeVisible();
    await expect(page.getByRole('link', { name: '条文' })).toBeVisible();
    const map = page.getByTestId('map');
    await expect(map).toBeVisible();
    const box = (await map.boundingBox())!;
    expect(box.width).toBe(viewport.width);
    expect(box.height).toBeGreaterThan(viewport.height / 2);
    // The map's place is already the basemap's land colour, not a blank page.
    expect(await map.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(241, 238, 230)');
    await expect(page.getByTestId('near-button')).toBeVisible();
    await expect(page.getByTestId('list-button')).toBeVisible();
  });
}
