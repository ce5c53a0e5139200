/**
 * The map page on a 390×844 touch phone: the feature and near-me panels are bottom sheets moved by their
 * handle (a finger, a mouse, a flick, the keyboard), the map keeps the space above where the sheet rests,
 * the credits start folded, and nothing is wider than the screen on any page.
 */
import type { Page } from '@playwright/test';
import { test, expect, waitForMap } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const WIDTH = 390;

/** The sheet's top edge and height, and the height of the area it rests in (below the site header). */
async function sheetBox(page: Page, testid: string) {
  const sheet = await page.getByTestId(testid).boundingBox();
  const area = await page.locator('main.app').boundingBox();
  if (!sheet || !area) throw new Error('no sheet or no map page');
  return { top: sheet.y, height: sheet.height, area: area.height, areaTop: area.y };
}

/** Waits for the sheet to come to rest at `snap` (its height eases there). */
async function settled(page: Page, testid: string, snap: string) {
  await expect(page.getByTestId(testid)).toHaveAttribute('data-snap', snap);
  let last = -1;
  await expect
    .poll(async () => {
      const { height } = await sheetBox(page, testid);
      const still = Math.abs(height - last) < 0.5;
      last = height;
      return still;
    })
    .toBe(true);
  return sheetBox(page, testid);
}

/** A finger drag on the page, through Chromium's touch input (pointer events of type touch). */
async function fingerDrag(page: Page, from: { x: number; y: number }, toY: number, steps = 12, stepMs = 16) {
  const client = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
    client.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  await touch('touchStart', [from]);
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', [{ x: from.x, y: Math.round(from.y + ((toY - from.y) * i) / steps) }]);
    if (stepMs) await page.waitForTimeout(stepMs);
  }
  await touch('touchEnd', []);
  await client.detach();
}

async function handleCentre(page: Page, testid: string) {
  const box = await page.getByTestId(testid).getByTestId('sheet-handle').boundingBox();
  if (!box) throw new Error('no handle');
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

/**
 * Nothing scrolls sideways, and on the map page (a fixed box that clips what overflows it) no element of
 * its panels reaches past the screen's edges either.
 */
async function expectNoHorizontalOverflow(page: Page) {
  const scrollWidth = await page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
  );
  expect(scrollWidth).toBeLessThanOrEqual(WIDTH);
  const outside = await page.evaluate((width) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('main.app *:not(.maplibregl-map *)')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > width + 1) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return found;
  }, WIDTH);
  expect(outside).toEqual([]);
}

test('the feature sheet is dragged by its handle from peek to full and back, by finger and by mouse', async ({
  page
}) => {
  await page.goto('/#map=12/36.07/120.38&sel=metro-line-3');
  await waitForMap(page);
  const id = 'feature-sheet';
  await expect(page.getByTestId(id).getByTestId('feature-panel')).toBeVisible();

  // It opens at half the area below the header; the map takes the other half, above it.
  let box = await settled(page, id, 'half');
  expect(Math.abs(box.height - box.area / 2)).toBeLessThanOrEqual(1);
  const map = await page.getByTestId('map').boundingBox();
  expect(Math.abs(map!.y + map!.height - box.top)).toBeLessThanOrEqual(1);

  // A finger pulls it down to its peek: the heading is still there, the map is all above it.
  await fingerDrag(page, await handleCentre(page, id), 820);
  box = await settled(page, id, 'peek');
  const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(Math.abs(box.height - 7.5 * rem)).toBeLessThanOrEqual(1);
  await expect(page.getByTestId(id).getByRole('heading', { level: 2 })).toBeInViewport();
  await expect
    .poll(async () => {
      const m = await page.getByTestId('map').boundingBox();
      return Math.round(m!.y + m!.height);
    })
    .toBe(Math.round(box.top));

  // Up to full: the whole area, the panel's end reached by scrolling inside it.
  await fingerDrag(page, await handleCentre(page, id), box.areaTop + 5);
  box = await settled(page, id, 'full');
  expect(Math.abs(box.height - box.area)).toBeLessThanOrEqual(1);
  expect(Math.abs(box.top - box.areaTop)).toBeLessThanOrEqual(1);
  const panel = page.getByTestId('feature-panel');
  const scrolls = await panel.evaluate((el) => el.scrollHeight > el.clientHeight);
  expect(scrolls).toBe(true);
  await panel.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(panel.locator('section.article').last()).toBeInViewport();
  await expectNoHorizontalOverflow(page);

  // And back down to peek with the mouse.
  const handle = await handleCentre(page, id);
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  for (let y = handle.y; y <= 830; y += 40) await page.mouse.move(handle.x, y);
  await page.mouse.move(handle.x, 830);
  await page.mouse.up();
  box = await settled(page, id, 'peek');
  expect(Math.abs(box.height - 7.5 * rem)).toBeLessThanOrEqual(1);

  // A short quick flick upwards goes on to the next height, where a slow drag as short falls back.
  const peek = await handleCentre(page, id);
  await fingerDrag(page, peek, peek.y - 80, 15, 40);
  await settled(page, id, 'peek');
  await fingerDrag(page, peek, peek.y - 80, 2, 0);
  box = await settled(page, id, 'half');
  expect(Math.abs(box.height - box.area / 2)).toBeLessThanOrEqual(1);
});

test('the sheet handle is a button: Enter steps through the heights, the arrows move it', async ({
  page
}) => {
  await page.goto('/#map=12/36.07/120.38&sel=metro-line-3');
  await waitForMap(page);
  const id = 'feature-sheet';
  const handle = page.getByTestId(id).getByTestId('sheet-handle');
  await settled(page, id, 'half');
  await expect(handle).toHaveAttribute('aria-expanded', 'true');
  await expect(handle).toHaveAccessibleName(
    /^地图要素详情：调整面板高度（现为半屏）$|调整面板高度（现为半屏）/
  );
  await handle.focus();
  await page.keyboard.press('Enter');
  await settled(page, id, 'full');
  await page.keyboard.press('Space');
  await settled(page, id, 'peek');
  await expect(handle).toHaveAttribute('aria-expanded', 'false');
  await expect(handle).toHaveAccessibleName(/收起/);
  await page.keyboard.press('ArrowUp');
  await settled(page, id, 'half');
  await page.keyboard.press('ArrowDown');
  await settled(page, id, 'peek');
  await page.keyboard.press('End');
  await settled(page, id, 'full');
});

test('near-me is a sheet too; the list scrolls inside it; the origin from a searched place is named', async ({
  page
}) => {
  await page.goto('/');
  await waitForMap(page);
  await page.getByRole('search').getByRole('searchbox').fill('五四广场');
  await page.getByTestId('search-near').first().click();
  await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
  const id = 'near-sheet';
  let box = await settled(page, id, 'half');
  expect(Math.abs(box.height - box.area / 2)).toBeLessThanOrEqual(1);
  // The origin is the place picked, by name; its coordinates come second.
  await expect(page.getByTestId('near-origin-name')).toHaveText(/五四广场/);
  await expect(page.getByTestId('near-origin')).toContainText(/120\.\d{4}, 36\.\d{4}/);

  await fingerDrag(page, await handleCentre(page, id), box.areaTop + 5);
  box = await settled(page, id, 'full');
  expect(Math.abs(box.height - box.area)).toBeLessThanOrEqual(1);
  const scroller = page.getByTestId('near-me').locator('.scroll');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByTestId('near-list').locator('li').last()).toBeInViewport();
  await expectNoHorizontalOverflow(page);
});

test('the credits start folded on a phone and open on a press', async ({ page }) => {
  await page.goto('/#map=11/36.1/120.4');
  await waitForMap(page);
  const attribution = page.locator('.maplibregl-ctrl-attrib');
  await expect(attribution).toHaveClass(/maplibregl-compact(\s|$)/);
  await expect(attribution).not.toHaveClass(/maplibregl-compact-show/);
  await expect(attribution.locator('.maplibregl-ctrl-attrib-inner')).toBeHidden();
  const folded = await attribution.boundingBox();
  expect(folded!.width).toBeLessThan(40);
  await attribution.locator('summary').click();
  await expect(attribution.locator('.maplibregl-ctrl-attrib-inner')).toBeVisible();
});

test('nothing is wider than the phone on the map, with panels open, on articles and on the ledger', async ({
  page
}) => {
  for (const path of [
    '/#map=11/36.1/120.4',
    '/#map=12/36.07/120.38&sel=metro-line-3',
    '/?lang=en#near=120.3826,36.0631&r=3',
    '/articles',
    '/articles/41',
    '/articles/37?lang=en',
    '/targets',
    '/targets?lang=en&outcome=yes'
  ]) {
    await page.goto(path);
    if (path.startsWith('/#') || path.startsWith('/?')) await waitForMap(page);
    else await expect(page.locator('h1')).toBeVisible();
    const miniMap = page.getByTestId('article-map');
    if ((await miniMap.count()) > 0) {
      // The small map loads as it comes near the screen.
      await miniMap.scrollIntoViewIfNeeded();
      await expect(miniMap).toHaveAttribute('data-ready', 'true');
    }
    await expectNoHorizontalOverflow(page);
  }
});
