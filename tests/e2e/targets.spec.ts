import type { APIRequestContext } from '@playwright/test';
import type { Plan, PlanFeatureCollection } from '../../src/lib/plan/schema';
import { NO_FILTERS, filterTargets, targetRows, type TargetRow } from '../../src/lib/plan/targets-view';
import { test, expect, waitForMap } from './fixtures';

async function loadData(request: APIRequestContext): Promise<{ plan: Plan; rows: TargetRow[] }> {
  const [planResponse, featuresResponse] = await Promise.all([
    request.get('/data/plan.json'),
    request.get('/data/features.geojson')
  ]);
  expect(planResponse.ok()).toBe(true);
  expect(featuresResponse.ok()).toBe(true);
  const plan = (await planResponse.json()) as Plan;
  const features = ((await featuresResponse.json()) as PlanFeatureCollection).features;
  return { plan, rows: targetRows(plan.targets, features) };
}

const rowsOf = (page: import('@playwright/test').Page) =>
  page.getByTestId('target-ledger').getByTestId('target-row');

test('the ledger lists every target of the plan, grouped by chapter', async ({ page, request }) => {
  const { plan } = await loadData(request);
  await page.goto('/targets');
  await expect(rowsOf(page)).toHaveCount(plan.targets.length);
  await expect(page.getByTestId('target-count')).toHaveAttribute('data-count', String(plan.targets.length));
  const chapters = new Set(plan.targets.map((t) => t.chapter));
  await expect(page.getByTestId('target-ledger').locator('section.chapter')).toHaveCount(chapters.size);

  const row = page.locator('#target-a41-1');
  await expect(row).toContainText('轨道交通通车里程');
  await expect(row).toContainText('Urban rail transit in operation');
  await expect(row).toContainText('≥ 352 公里');
  await expect(row).toContainText('到2025年轨道交通通车里程达到352公里');
  // Where it stands: the latest like-for-like figure against the target, with its date; below it every
  // published figure with its source, the ones measured differently marked and compared with nothing.
  const metro = plan.targets.find((t) => t.id === 'a41-1')!;
  const outcome = row.getByTestId('target-outcome');
  await expect(outcome.getByTestId('target-standing')).toContainText('348 公里');
  await expect(outcome.getByTestId('target-standing')).toContainText('为目标的 99%（2024年4月）');
  await expect(outcome.getByTestId('outcome')).toHaveCount(metro.outcomes.length);
  await expect(outcome.locator('[data-like-for-like=false]').first()).toContainText('口径不同');
  // Each figure's source: its publisher, where a copy was read, and whose figure a report repeats.
  await expect(outcome.locator('a[href*="qq.com"]')).toContainText('未署名（转载：new.qq.com）：');
  await expect(outcome.locator('a[href*="globenewswire"]')).toContainText('GlobeNewswire：Qingdao Metro');
  await expect(page.locator('#target-c6-1 a[href*="qwerqqqd.com"]').first()).toContainText(
    '大众网（转载：qwerqqqd.com），引自青岛市统计局：'
  );
  await expect(page.getByTestId('data-as-of')).toHaveText(`数据截至 ${plan.as_of}`);
  // Figures that all measure something else are listed but never turned into progress.
  const onlyOther = plan.targets.find(
    (t) => t.outcomes.length > 0 && t.outcomes.every((o) => !o.like_for_like)
  )!;
  const other = page.locator(`#target-${onlyOther.id}`).getByTestId('target-outcome');
  await expect(other.getByTestId('target-no-compare')).toBeVisible();
  await expect(other.getByTestId('target-standing')).toHaveCount(0);
  const none = plan.targets.find((t) => t.outcomes.length === 0)!;
  await expect(page.locator(`#target-${none.id}`).getByTestId('target-outcome')).toHaveText(
    '暂无公布的实际数据'
  );
  await expect(row.locator('a.source')).toHaveAttribute('href', '/articles/41#target-a41-1');
});

test('a filter narrows the ledger, goes into the URL and survives a reload', async ({ page, request }) => {
  const { plan } = await loadData(request);
  const inChapter5 = plan.targets.filter((t) => t.chapter === 5);
  expect(inChapter5.length).toBeGreaterThan(0);
  expect(inChapter5.length).toBeLessThan(plan.targets.length);

  await page.goto('/targets');
  await expect(rowsOf(page)).toHaveCount(plan.targets.length);
  await page.getByTestId('filter-chapter').selectOption('5');
  await expect(page).toHaveURL(/\/targets\?chapter=5$/);
  await expect(rowsOf(page)).toHaveCount(inChapter5.length);
  await expect(page.getByTestId('target-count')).toHaveAttribute('data-count', String(inChapter5.length));

  const percentIn5 = inChapter5.filter((t) => t.kind === 'quantity' && ['%', '个百分点'].includes(t.unit));
  await page.getByTestId('filter-kind').selectOption('percent');
  await expect(page).toHaveURL(/\/targets\?chapter=5&kind=percent$/);
  await expect(rowsOf(page)).toHaveCount(percentIn5.length);

  await page.reload();
  await expect(page.getByTestId('filter-chapter')).toHaveValue('5');
  await expect(page.getByTestId('filter-kind')).toHaveValue('percent');
  await expect(rowsOf(page)).toHaveCount(percentIn5.length);

  await page.getByTestId('filter-clear').click();
  await expect(page).toHaveURL(/\/targets$/);
  await expect(rowsOf(page)).toHaveCount(plan.targets.length);
});

test('the outcome filter keeps the targets with a published figure', async ({ page, request }) => {
  const { plan } = await loadData(request);
  const reported = plan.targets.filter((t) => t.outcomes.length > 0);
  expect(reported.length).toBeGreaterThanOrEqual(60);
  await page.goto('/targets');
  await page.getByTestId('filter-outcome').selectOption('yes');
  await expect(page).toHaveURL(/\/targets\?outcome=yes$/);
  await expect(rowsOf(page)).toHaveCount(reported.length);
  await expect(rowsOf(page).getByTestId('target-outcome').filter({ hasText: '暂无公布' })).toHaveCount(0);
});

test("what is typed in the search box before the page's code has run still filters the ledger", async ({
  page,
  request
}) => {
  const { rows } = await loadData(request);
  const expected = filterTargets(rows, { ...NO_FILTERS, q: '研发' });
  // The page's code is held back until the words are in the field (the field is in the prerendered page).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/targets', { waitUntil: 'commit' });
  await page.getByTestId('filter-q').fill('研发');
  release();
  await expect(rowsOf(page)).toHaveCount(expected.length);
  await expect(page.getByTestId('filter-q')).toHaveValue('研发');
});

test('the search box filters by metric, clause or id, in the URL too', async ({ page, request }) => {
  const { rows } = await loadData(request);
  const expected = filterTargets(rows, { ...NO_FILTERS, q: '研发' });
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/targets');
  await page.getByTestId('filter-q').fill('研发');
  await expect(rowsOf(page)).toHaveCount(expected.length);
  await expect(page).toHaveURL(/[?&]q=%E7%A0%94%E5%8F%91/);
  const ids = await rowsOf(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-target')));
  expect(ids).toEqual(expected.map((t) => t.id));

  await page.getByTestId('filter-q').fill('no such target anywhere');
  await expect(rowsOf(page)).toHaveCount(0);
  await expect(page.getByText('没有符合筛选条件的目标。')).toBeVisible();
});

test('targets on the map link to a feature that serves them', async ({ page, request }) => {
  const { rows } = await loadData(request);
  const onMap = rows.filter((r) => r.onMap);
  expect(onMap.length).toBeGreaterThan(0);
  await page.goto('/targets?map=yes');
  await expect(rowsOf(page)).toHaveCount(onMap.length);
  const first = onMap[0]!;
  const link = page.locator(`#target-${first.id}`).getByTestId('target-map-link');
  await expect(link).toHaveAttribute('href', `/#sel=${first.mapFeature!.id}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/#sel=${first.mapFeature!.id}(&|$)`));
  await waitForMap(page);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(first.mapFeature!.name_zh);
});

test('in English with filters from a link, article links keep the language', async ({ page, request }) => {
  const { plan } = await loadData(request);
  await page.goto('/targets?lang=en&chapter=4');
  await expect(page.locator('h1')).toHaveText('Targets ledger');
  await expect(rowsOf(page)).toHaveCount(plan.targets.filter((t) => t.chapter === 4).length);
  const source = page.locator('#target-a41-1 a.source');
  await expect(source).toHaveAttribute('href', '/articles/41?lang=en#target-a41-1');
  await source.click();
  await expect(page).toHaveURL(/\/articles\/41\?lang=en#target-a41-1$/);
  await expect(page.locator('h1')).toContainText('Speed up rail transit');
  await expect(page.locator('#target-a41-1')).toBeInViewport();
});

test('a link to a chapter intro target lands on it in the filtered ledger', async ({ page }) => {
  await page.goto('/targets?chapter=10#target-c10-3');
  await expect(page.getByTestId('filter-chapter')).toHaveValue('10');
  await expect(page.locator('#target-c10-3')).toBeInViewport();
  await expect(page.locator('#target-c10-3 a.source')).toHaveAttribute('href', '/articles#chapter-10');
});

test('in English, a link to a target far down the ledger lands on it and every entry comes', async ({
  page,
  request
}) => {
  const { plan } = await loadData(request);
  const last = plan.targets.at(-1)!;
  await page.goto(`/targets?lang=en#target-${last.id}`);
  const row = rowsOf(page).and(page.locator(`#target-${last.id}`));
  await expect(row).toBeInViewport();
  await expect(row.locator('a.source')).toHaveAttribute('href', /\?lang=en#target-/);
  // The entries are rendered a few at a time; in the end every one is there, in English.
  await expect(rowsOf(page)).toHaveCount(plan.targets.length);
  await expect(page.locator('.ledger li.pending')).toHaveCount(0);
  await expect(page.locator('#target-a41-1 .period')).toHaveText('by 2025');
  await expect(page.locator('#target-a71-2 a[href*="smalldaily.com"]')).toContainText(
    'Qingdao Daily (repost on smalldaily.com): '
  );
  await expect(page.locator('#target-a41-1 a[href*="qq.com"]')).toContainText(
    'Unattributed (repost on new.qq.com): '
  );
  await expect(row).toBeInViewport();
});

test('in English, a ledger opened at its top stays at the top while its entries render', async ({
  page,
  request
}) => {
  const { plan } = await loadData(request);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/targets?lang=en');
  await expect(rowsOf(page)).toHaveCount(plan.targets.length);
  await expect(page.locator('.ledger li.pending')).toHaveCount(0);
  // Nothing is held in place at the top: what the English ledger puts above the entry on screen is not as
  // tall as the Chinese, and holding that entry scrolled the page by the difference (26 px here).
  expect(await page.evaluate(() => scrollY)).toBe(0);
});

test.describe('when the ledger data does not load', () => {
  test.use({ expectedProblems: [/targets\/ledger\.json|Failed to load resource/] });

  test('the ledger says which file failed and how, keeps its entries and loads on retry', async ({
    page,
    request
  }) => {
    const { plan } = await loadData(request);
    const inChapter5 = plan.targets.filter((t) => t.chapter === 5).length;
    let fail = true;
    await page.route('**/targets/ledger.json', (route) =>
      fail ? route.fulfill({ status: 500, body: 'unavailable' }) : route.fallback()
    );
    await page.goto('/targets?chapter=5');
    const failure = page.getByTestId('ledger-load-failure');
    await expect(failure).toContainText('/targets/ledger.json');
    await expect(failure).toContainText('HTTP 500');
    // The prerendered entries stay, and the ledger says the filter chosen was not applied to them.
    await expect(page.getByTestId('ledger-unfiltered')).toContainText(`相符 ${inChapter5} 个`);
    await expect(page.locator('#ledger-prerendered').getByTestId('target-row')).toHaveCount(
      plan.targets.length
    );
    await expect(page.getByTestId('problem-notice')).toHaveCount(0);

    fail = false;
    await page.getByTestId('ledger-retry').click();
    await expect(failure).toHaveCount(0);
    await expect(rowsOf(page)).toHaveCount(inChapter5);
    await expect(page.locator('#ledger-prerendered')).toHaveCount(0);
  });
});
