/**
 * Errors seen and reported: an error nothing catches, or a promise rejection nothing handles, shows a
 * dismissible notice with a report to copy (version, address, message, stack), without reloading the
 * page or touching its state; stored settings that cannot be read are set aside with a notice.
 */
import { readFileSync } from 'node:fs';
import { test, expect, waitForMap } from './fixtures';
import { CORRUPT_SUFFIX, STORAGE_KEYS } from '../../src/lib/state/basemap-prefs';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const VIEW = '#map=12/36.09/120.39&layers=metro';

test.describe(() => {
  // The errors this test throws on purpose.
  test.use({ expectedProblems: [/page error: .*(thrown on purpose|rejected on purpose)/] });

  test('an uncaught error and an unhandled rejection land in a notice with a report; the page stays', async ({
    page,
    context
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/${VIEW}`);
    await waitForMap(page, 60_000);
    // A mark on the page that a reload would wipe, and the address as it was.
    await page.evaluate(() => ((window as unknown as { __mark: number }).__mark = 42));
    const url = page.url();
    await expect(page.getByTestId('problem-notice')).toHaveCount(0);

    await page.evaluate(() =>
      setTimeout(() => {
        throw new TypeError('thrown on purpose <img src=x onerror="window.__fired=1">');
      })
    );
    const notice = page.getByTestId('problem-notice');
    await expect(notice).toBeVisible();
    await expect(notice.getByTestId('problem-error')).toHaveCount(1);
    await expect(notice).toContainText('页面出错了');
    // The message is shown as text, never as markup.
    await expect(notice).toContainText('TypeError: thrown on purpose <img src=x onerror="window.__fired=1">');
    expect(await page.evaluate(() => '__fired' in window)).toBe(false);

    await notice.getByText('错误报告').click();
    const report = await notice.getByTestId('problem-report').inputValue();
    const lines = report.split('\n');
    expect(lines[0]).toBe(`Qingdao Plan Map ${VERSION}`);
    expect(lines[1]).toBe(`URL: ${url}`);
    expect(report).toContain('Message: TypeError: thrown on purpose');
    expect(
      lines.some((l) => /^ {2}at /.test(l)),
      report
    ).toBe(true);

    await notice.getByRole('button', { name: '复制报告' }).click();
    await expect(notice.getByRole('button', { name: '已复制' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(report);

    // A rejection nothing handles is a second entry of the same notice.
    await page.evaluate(() => void Promise.reject(new Error('rejected on purpose')));
    await expect(notice.getByTestId('problem-error')).toHaveCount(2);
    await expect(notice).toContainText('Error: rejected on purpose');

    // Nothing was reloaded or reset; dismissing hides the notice and leaves the map as it was.
    expect(await page.evaluate(() => (window as unknown as { __mark?: number }).__mark)).toBe(42);
    await notice.getByRole('button', { name: '关闭' }).click();
    await expect(notice).toHaveCount(0);
    expect(page.url()).toBe(url);
    await expect(page.getByTestId('map')).toHaveAttribute('data-overlay', 'ready');
    expect(await page.evaluate(() => (window as unknown as { __mark?: number }).__mark)).toBe(42);
  });

  test('the notice speaks English on an English page', async ({ page }) => {
    await page.goto(`/?lang=en${VIEW}`);
    await waitForMap(page, 60_000);
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error('thrown on purpose');
      })
    );
    const notice = page.getByTestId('problem-notice');
    await expect(notice).toContainText('Something went wrong on this page');
    await expect(notice.getByRole('button', { name: 'Copy the report' })).toBeVisible();
  });
});

test('stored settings that cannot be read are set aside with a notice, and the map works', async ({
  page
}) => {
  await page.goto(`/${VIEW}`);
  await waitForMap(page, 60_000);
  await page.evaluate(
    ([basemap, key, base]) => {
      localStorage.setItem(basemap!, '{"not": "a basemap"');
      localStorage.setItem(key!, '<script>alert(1)</script>');
      localStorage.setItem(base!, 'javascript:alert(1)');
    },
    [STORAGE_KEYS.basemap, STORAGE_KEYS.tiandituKey, STORAGE_KEYS.tileBase]
  );
  await page.reload();
  await waitForMap(page, 60_000);
  const notice = page.getByTestId('problem-notice');
  await expect(notice.getByTestId('problem-storage')).toBeVisible();
  await expect(notice).toContainText('3 项已保存的设置无法读取');
  for (const key of Object.values(STORAGE_KEYS)) await expect(notice).toContainText(key);
  const stored = await page.evaluate(() => ({ ...localStorage }));
  expect(stored[`${STORAGE_KEYS.basemap}${CORRUPT_SUFFIX}`]).toBe('{"not": "a basemap"');
  expect(stored[`${STORAGE_KEYS.tiandituKey}${CORRUPT_SUFFIX}`]).toBe('<script>alert(1)</script>');
  expect(stored[`${STORAGE_KEYS.tileBase}${CORRUPT_SUFFIX}`]).toBe('javascript:alert(1)');
  expect(Object.values(STORAGE_KEYS).some((key) => key in stored)).toBe(false);

  // Set aside once: the next visit starts clean, without a notice.
  await page.reload();
  await waitForMap(page, 60_000);
  await expect(page.getByTestId('problem-notice')).toHaveCount(0);
});
