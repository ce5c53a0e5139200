import { test, expect } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('share: the link to this exact view, a QR code of it, and a copy button, on a phone', async ({
  page,
  context
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/articles/41?lang=en#target-a41-1');
  await page.getByTestId('share-button').click();
  const sheet = page.getByTestId('share-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('h2')).toHaveText('Share this view');
  const link = await sheet.getByTestId('share-link').inputValue();
  expect(link).toBe(page.url());
  expect(link).toContain('lang=en');
  expect(link).toContain('#target-a41-1');

  // A QR code drawn as one path: present, square and inside the phone's width.
  const qr = sheet.getByTestId('share-qr');
  await expect(qr).toBeVisible();
  await expect(qr.locator('path')).toHaveAttribute('d', /^M\d+ \d+h\d+/);
  const box = (await qr.boundingBox())!;
  expect(Math.abs(box.width - box.height)).toBeLessThan(1);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  await sheet.getByTestId('share-copy').click();
  await expect(sheet.getByTestId('share-status')).toHaveText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  await sheet.getByTestId('share-close').click();
  await expect(sheet).toBeHidden();
});
