/**
 * Untrusted strings render as text: script-bearing payloads (markup, event handlers, javascript: links,
 * SVG, CSS) put into the map link's hash, the search box and an address that is not a page fire nothing
 * (a flag each payload would set stays unset, no dialog opens, no element of theirs appears) and show
 * literally where the page repeats them. Under the site's Content-Security-Policy an inline handler that got
 * into the page would also be refused and reported, which fails the test through the shared fixture.
 */
import { test, expect, waitForMap } from './fixtures';
import { PAYLOADS, expectNothingFired, shown, watchDialogs } from './xss-corpus';

test('payloads in the map link (an unknown feature, unknown layers) show as text and fire nothing', async ({
  page
}) => {
  const dialogs = await watchDialogs(page);
  for (const payload of PAYLOADS) {
    const hash = `#map=12/36.09/120.39&sel=${encodeURIComponent(payload)}&layers=${encodeURIComponent(payload)}`;
    await page.goto(`/${hash}`);
    // The unknown feature or the ignored part of the link is named, literally, in a notice.
    await expect(page.locator('body')).toContainText(shown(payload), { timeout: 60_000 });
    await expectNothingFired(page, dialogs);
  }
});

test('payloads typed into the search box stay text and fire nothing', async ({ page }) => {
  const dialogs = await watchDialogs(page);
  await page.goto('/#map=12/36.09/120.39');
  await waitForMap(page, 60_000);
  const box = page.getByRole('searchbox');
  for (const payload of PAYLOADS) {
    await box.fill(payload);
    await expect(page.getByTestId('search-results')).toBeVisible();
    await expect(box).toHaveValue(payload);
    await expectNothingFired(page, dialogs);
  }
});

test.describe(() => {
  // Each address is not a page: its 404 is what this test is about.
  test.use({ expectedProblems: [/404/] });

  test('payloads in an address that is not a page show literally on the 404 page and fire nothing', async ({
    page
  }) => {
    const dialogs = await watchDialogs(page);
    for (const payload of PAYLOADS.slice(0, 3)) {
      await page.goto(`/articles/${encodeURIComponent(payload)}`);
      await expect(page.getByTestId('not-found')).toContainText(shown(payload));
      await expectNothingFired(page, dialogs);
    }
  });
});
