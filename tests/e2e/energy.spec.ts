/**
 * The energy layer's offshore wind farms: a neighbouring city's farm opens a panel that says it is outside
 * Qingdao and shown for context, in both languages, with no article; the plan's own farm cites article 43.
 */
import { expect, test, waitForMap } from './fixtures';

test('a wind farm outside Qingdao says it is shown for context and cites no article', async ({ page }) => {
  await page.goto('/#map=8/36.3/121.2&layers=energy&sel=peninsula-south-u1-offshore-wind');
  await waitForMap(page);
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toContainText('U1');
  await expect(panel.getByTestId('outside-qingdao')).toHaveText('青岛以外——仅作背景展示，不属于本计划');
  await expect(panel.locator('section.article')).toHaveCount(0);

  await page.goto('/?lang=en#map=8/36.3/121.2&layers=energy&sel=peninsula-south-u1-offshore-wind');
  await waitForMap(page);
  await expect(page.getByTestId('outside-qingdao')).toHaveText(
    'Outside Qingdao — shown for context, not part of the plan'
  );
});

test("the plan's own offshore wind farm cites article 43 and carries no context note", async ({ page }) => {
  await page.goto('/#map=8/35.6/121&layers=energy&sel=three-gorges-qingdao-offshore-wind');
  await waitForMap(page);
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toContainText('三峡青岛');
  await expect(panel.locator('section.article[data-article="43"]')).toBeVisible();
  await expect(panel.getByTestId('outside-qingdao')).toHaveCount(0);
});
