/**
 * Network faults in the site's own files: a data file (static/data/) that is missing, unreachable or
 * corrupt gives an error screen naming the file and what is wrong, never a blank page; label font files
 * that fail leave a working map with a notice. Faults are injected by answering the browser's requests
 * on localhost (page.route). Street tile faults are in street-basemap.spec.ts.
 */
import type { Page, Route } from '@playwright/test';
import { test, expect, waitForMap } from './fixtures';

const VIEW = '#map=11/36.09/120.39';

interface DataFault {
  name: string;
  file: string;
  answer: (route: Route) => Promise<void>;
  /** What the screen says is wrong (Chinese). */
  says: RegExp;
}

const DATA_FAULTS: DataFault[] = [
  {
    name: 'missing (404)',
    file: 'plan.json',
    answer: (route) => route.fulfill({ status: 404, body: 'not here' }),
    says: /HTTP 404/
  },
  {
    name: 'unreachable',
    file: 'metro-building.json',
    answer: (route) => route.abort('connectionrefused'),
    says: /网络请求失败/
  },
  {
    name: 'cut off half way (not JSON)',
    file: 'features.geojson',
    answer: (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"type":"FeatureCollection","feat'
      }),
    says: /不是有效的 JSON/
  },
  {
    name: 'JSON of the wrong structure',
    file: 'plan.json',
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[1, 2, 3]' }),
    says: /结构不对/
  }
];

async function breakFile(page: Page, fault: DataFault): Promise<void> {
  await page.route(`**/data/${fault.file}`, fault.answer);
}

for (const fault of DATA_FAULTS) {
  test.describe(() => {
    // The failures this test injects, as the browser reports them.
    test.use({
      expectedProblems: [new RegExp(`data/${fault.file.replace('.', '\\.')}|Failed to load resource`)]
    });

    test(`a data file ${fault.name} gives an error screen naming it`, async ({ page }) => {
      await breakFile(page, fault);
      await page.goto(`/${VIEW}`);
      const screen = page.getByTestId('error');
      await expect(screen).toBeVisible();
      await expect(screen.getByRole('heading', { level: 1 })).toHaveText('地图数据无法加载');
      await expect(screen).toContainText(`无法使用的文件：data/${fault.file}`);
      await expect(screen).toContainText(fault.says);
      // The site's header, with its links on, is there: not a blank page.
      await expect(page.locator('header.site-header')).toBeVisible();
    });
  });
}

test.describe(() => {
  test.use({ expectedProblems: [/data\/plan\.json|Failed to load resource/] });

  test('the error screen speaks English, and a reload once the file is back gives the map', async ({
    page
  }) => {
    await breakFile(page, DATA_FAULTS[0]!);
    await page.goto(`/?lang=en${VIEW}`);
    const screen = page.getByTestId('error');
    await expect(screen.getByRole('heading', { level: 1 })).toHaveText("The map's data could not be loaded");
    await expect(screen).toContainText('data/plan.json');
    await expect(screen).toContainText('The server answered HTTP 404.');
    await page.unroute('**/data/plan.json');
    await page.reload();
    await waitForMap(page, 60_000);
  });
});

test.describe(() => {
  test.use({ expectedProblems: [/fonts\/noto-sans-sc-[\w-]+\.woff2|Failed to load resource/] });

  test('label font files that fail leave a working map, with a notice naming them', async ({ page }) => {
    const refused: string[] = [];
    await page.route('**/fonts/*.woff2', (route) => {
      refused.push(route.request().url());
      return route.fulfill({ status: 503, body: 'unavailable' });
    });
    await page.goto(`/${VIEW}`);
    await waitForMap(page, 60_000);
    expect(refused.length).toBeGreaterThan(0);
    const notice = page.getByTestId('problem-font');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('部分字体文件未能加载');
    const file = /\/(fonts\/[^/]+\.woff2)$/.exec(refused[0]!)![1]!;
    await expect(notice).toContainText(file);
    // The map still answers: a click on it is taken, and nothing was thrown.
    await expect(page.getByTestId('problem-error')).toHaveCount(0);
  });
});
