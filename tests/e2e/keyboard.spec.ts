/**
 * The map page by keyboard alone: Tab reaches the search box and its results (and their "Near" links), the
 * map, the layers panel, near-me and the feature panel's close button, each with a visible focus ring;
 * Escape closes a panel and gives the focus back to what opened it; the focused map pans and zooms with
 * the keys and is named in the page's language.
 */
import type { Page } from '@playwright/test';
import { test, expect, waitForMap } from './fixtures';

/** What has the focus, described, and whether its ring is drawn (a solid outline of 2 px or more). */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      testid: el.dataset.testid ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      tag: el.tagName.toLowerCase(),
      label: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '',
      cls: el.className && typeof el.className === 'string' ? el.className : '',
      ring:
        el.matches(':focus-visible') && style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2,
      outline: style.outlineColor
    };
  });
}

/** Presses Tab until `match` has the focus (at most `max` times); returns every stop on the way. */
async function tabTo(
  page: Page,
  match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean,
  max = 80,
  key = 'Tab'
) {
  const stops: NonNullable<Awaited<ReturnType<typeof focused>>>[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (!now) continue;
    stops.push(now);
    if (match(now)) return stops;
  }
  throw new Error(`not reached in ${max} presses; stops: ${stops.map((s) => s.label || s.tag).join(' | ')}`);
}

test('Tab reaches the header, the map, its buttons, the layers and near-me in order, each ringed', async ({
  page
}) => {
  await page.goto('/#map=11/36.1/120.4');
  await waitForMap(page);
  await expect(page.getByTestId('layers-panel')).toBeVisible();
  const stops = await tabTo(page, (f) => f.testid === 'near-button');
  const at = (pred: (s: (typeof stops)[number]) => boolean) => stops.findIndex(pred);
  const search = at((s) => s.tag === 'input' && s.label === '搜索');
  const canvas = at((s) => s.cls.includes('maplibregl-canvas'));
  const zoomIn = at((s) => s.label === '放大');
  const layers = at((s) => s.testid === 'layers-panel');
  const near = stops.length - 1;
  expect(search, 'search box').toBeGreaterThan(-1);
  expect(canvas, 'map canvas').toBeGreaterThan(search);
  expect(zoomIn, 'zoom in').toBeGreaterThan(canvas);
  expect(layers, 'layers panel').toBeGreaterThan(zoomIn);
  expect(near).toBeGreaterThan(layers);
  for (const stop of stops) expect(stop.ring, `focus ring on ${stop.label || stop.tag}`).toBe(true);
  // Yellow on the dark header, dark teal elsewhere.
  expect(stops[search]!.outline).toBe('rgb(255, 213, 74)');
  expect(stops[canvas]!.outline).toBe('rgb(11, 79, 108)');
  expect(stops[zoomIn]!.outline).toBe('rgb(11, 79, 108)');
});

test('Tab reaches a search result and its Near link; Enter starts near-me; Escape closes it onto its button', async ({
  page
}) => {
  await page.goto('/');
  await waitForMap(page);
  const box = page.getByRole('search').getByRole('searchbox');
  await box.focus();
  await page.keyboard.type('五四广场');
  await expect(page.getByTestId('search-near').first()).toBeVisible();
  const stops = await tabTo(page, (f) => f.testid === 'search-near', 10);
  expect(stops.at(-1)!.label).toMatch(/五四广场/);
  expect(stops.at(-1)!.ring).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/near=120\.\d+,36\.\d+/);
  await expect(page.getByTestId('near-origin-name')).toHaveText(/五四广场/);

  // Into the panel, then Escape: the panel closes, the focus is on the near-me button.
  await page.getByTestId('near-radius').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('near-me')).toHaveCount(0);
  await expect(page).not.toHaveURL(/near=/);
  await expect(page.getByTestId('near-button')).toBeFocused();

  // Opened from its button, closed by keyboard: the focus goes back to the (new) button too.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('near-me')).toBeVisible();
  await page.getByTestId('near-locate').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('near-button')).toBeFocused();
});

test('a line opened from the layers panel: Tab reaches the panel close; Escape returns the focus to the line', async ({
  page
}) => {
  await page.goto('/#map=11/36.1/120.4');
  await waitForMap(page);
  const transport = page.getByTestId('layers-panel').locator('li[data-layer="transport"]');
  await transport.locator('button.expand').focus();
  await page.keyboard.press('Enter');
  const line = transport.locator('button.metro').first();
  await line.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('feature-panel');
  await expect(panel).toBeVisible();

  const stops = await tabTo(page, (f) => f.testid === 'feature-panel' && f.label === '关闭', 120);
  expect(stops.at(-1)!.ring).toBe(true);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(line).toBeFocused();

  // The close button by keyboard does the same.
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: '关闭' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(line).toBeFocused();

  // Escape inside the open layers panel folds it, the focus on its button.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('layers-panel').locator('button.toggle')).toHaveAttribute(
    'aria-expanded',
    'false'
  );
  await expect(page.getByTestId('layers-panel').locator('button.toggle')).toBeFocused();
});

test('the focused map is named in the page language and pans and zooms by keyboard', async ({ page }) => {
  await page.goto('/#map=11/36.1/120.4');
  await waitForMap(page);
  const canvas = page.locator('.maplibregl-canvas');
  await expect(canvas).toHaveAttribute('aria-label', /^青岛行动计划地图/);
  await canvas.focus();
  const view = () => {
    const [zoom, lat, lon] = new URL(page.url()).hash
      .match(/map=([^&]+)/)![1]!
      .split('/')
      .map(Number);
    return { zoom: zoom!, lat: lat!, lon: lon! };
  };
  const start = view();
  await page.keyboard.press('Equal');
  await expect.poll(() => view().zoom).toBeGreaterThan(start.zoom + 0.5);
  const zoomed = view();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => view().lon).toBeGreaterThan(zoomed.lon);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => view().lat).toBeGreaterThan(zoomed.lat);

  await page.getByTestId('language-switch').click();
  await expect(canvas).toHaveAttribute('aria-label', /^Map of Qingdao/);
});
