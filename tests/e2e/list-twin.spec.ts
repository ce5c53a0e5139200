/**
 * The map's list twin at 1280x720: it lists what the view holds under the filters (checked against the
 * data, independently of the site's code), a row hovered draws its feature highlighted on the map, a row
 * selected opens the panel, a feature clicked on the map marks its row and scrolls it into view, and the
 * list works from the keyboard alone.
 */
import type { Page } from '@playwright/test';
import { hexToRgba } from '../../src/lib/map/colour';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  countColourPixels,
  loadFeatures,
  quietPointOnLine
} from './fixtures';

/** Every position of a geometry, for a box computed here rather than by the site. */
function positions(geometry: GeoJSON.Geometry): number[][] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positions);
  const flat = (value: unknown): number[][] =>
    Array.isArray(value) && typeof value[0] === 'number'
      ? [value as number[]]
      : (value as unknown[]).flatMap(flat);
  return flat(geometry.coordinates);
}

/** Views around May Fourth Square, dense with stations and labels, were seen taking over 20 s to draw in software WebGL on a busy machine. */
const SLOW_MAP_MS = 60_000;

const list = (page: Page) => page.getByTestId('feature-list');
const listedIds = (page: Page) =>
  list(page)
    .locator('li[data-id]')
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id!));

async function openList(page: Page): Promise<void> {
  await page.getByTestId('list-button').click();
  await expect(list(page).locator('li').first()).toBeVisible();
  await waitForMap(page, SLOW_MAP_MS);
}

test('the list holds what the view holds; a hovered row is highlighted on the map, a clicked row opens its panel', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const line = features.find((f) => f.properties.id === 'metro-line-3')!;
  const [lon, lat] = quietPointOnLine(line);
  await page.goto(`/#map=14/${lat}/${lon}`);
  await waitForMap(page, SLOW_MAP_MS);
  await openList(page);
  // Fold the layers panel so nothing covers the map's centre.
  await page.getByTestId('layers-panel').getByRole('button', { name: '图层' }).click();

  // Exactly the features whose box meets the map's view.
  const view = await page.evaluate(() => {
    const b = window.qingdaoPlanMap!.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  });
  const expected = features
    .filter((f) => {
      const ps = positions(f.geometry);
      const xs = ps.map((p) => p[0]!);
      const ys = ps.map((p) => p[1]!);
      return (
        Math.min(...xs) <= view[2]! &&
        Math.max(...xs) >= view[0]! &&
        Math.min(...ys) <= view[3]! &&
        Math.max(...ys) >= view[1]!
      );
    })
    .map((f) => f.properties.id)
    .sort();
  expect(expected).toContain('metro-line-3');
  expect((await listedIds(page)).sort()).toEqual(expected);
  await expect(page.getByTestId('feature-list-count')).toContainText(`${expected.length} 个要素`);

  // Hovering the row draws the line wider on the map, as hovering the line itself does.
  const hash = new URL(page.url()).hash;
  const [, zoom, hashLat, hashLon] = /map=([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(hash)!;
  const at = project(
    { zoom: Number(zoom), lat: Number(hashLat), lon: Number(hashLon) },
    await mapBox(page),
    lon,
    lat
  );
  const colour = hexToRgba(line.properties.color!);
  const before = countColourPixels(await screenshotPixels(page), at.x, at.y, colour, 12);
  expect(before).toBeGreaterThan(0);
  const row = list(page).locator('li[data-id="metro-line-3"]');
  await row.getByRole('button').hover();
  await expect(row).toHaveClass(/hovered/);
  await expect
    .poll(async () => countColourPixels(await screenshotPixels(page), at.x, at.y, colour, 12))
    .toBeGreaterThan(before * 1.3);
  // A row's hover shows no tooltip on the map: the row itself is what the pointer is on.
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // Clicking the row selects the line: the panel opens and the row is marked; the map does not move.
  await row.getByRole('button').click();
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toHaveText(line.properties.name_zh);
  await expect(page).toHaveURL(/sel=metro-line-3/);
  await expect(row.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toHaveClass(/selected/);
  // Leaving the row ends its highlight.
  await page.mouse.move(at.x, 5);
  await expect(row).not.toHaveClass(/hovered/);
});

test('a feature clicked on the map is marked in the list and scrolled into view', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const station = features.find((f) => f.properties.id === 'metro-station-2-17')!;
  const [lon, lat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
  await page.goto(`/#map=15/${lat}/${lon}`);
  await waitForMap(page, SLOW_MAP_MS);
  await openList(page);
  await page.getByTestId('layers-panel').getByRole('button', { name: '图层' }).click();
  const row = list(page).locator(`li[data-id="${station.properties.id}"]`);
  // Stations come last (by kind): the row starts out of the list's sight.
  const scroller = list(page).locator('.scroll');
  const outOfSight = async () => {
    const [r, s] = [await row.boundingBox(), await scroller.boundingBox()];
    // A pixel's slack for fractional layout.
    return r!.y + r!.height > s!.y + s!.height + 1 || r!.y < s!.y - 1;
  };
  await list(page)
    .locator('.scroll')
    .evaluate((el) => (el.scrollTop = 0));
  const ids = await listedIds(page);
  expect(ids.length).toBeGreaterThan(8);
  expect(await outOfSight()).toBe(true);

  const hash = new URL(page.url()).hash;
  const [, zoom, hashLat, hashLon] = /map=([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(hash)!;
  const at = project(
    { zoom: Number(zoom), lat: Number(hashLat), lon: Number(hashLon) },
    await mapBox(page),
    lon,
    lat
  );
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(station.properties.name_zh);
  await expect(row).toHaveClass(/selected/);
  await expect(row.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(outOfSight).toBe(false);

  // Hovering the feature on the map marks its row too.
  await page.mouse.move(at.x, at.y + 1);
  await expect(row).toHaveClass(/hovered/);
});

test('from the keyboard: Tab reaches the list, the arrows move through it with a visible focus, Enter selects', async ({
  page
}) => {
  await page.goto('/#map=13/36.07/120.38');
  // The keyboard needs the list and the map's canvas, not the plan drawn on it.
  await expect(page.locator('canvas.maplibregl-canvas')).toBeAttached();
  await page.getByTestId('list-button').focus();
  await page.keyboard.press('Enter');
  await expect(list(page).locator('li').first()).toBeVisible();
  await expect(page.getByTestId('list-button')).toHaveAttribute('aria-pressed', 'true');

  // The map's canvas is named, and points to its text alternative.
  const canvas = page.locator('canvas.maplibregl-canvas');
  await expect(canvas).toHaveAttribute('aria-label', /地图/);
  const describedBy = await canvas.getAttribute('aria-describedby');
  await expect(page.locator(`#${describedBy}`)).toContainText('列表');

  // From the top of the page, Tab lands on the list's first row (one row of the list is in the tab order).
  await page.locator('body').focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const inRow = () =>
    page.evaluate(() => document.activeElement?.matches('[data-testid=feature-list] button.row') ?? false);
  let presses = 0;
  while (!(await inRow()) && presses < 40) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(await inRow()).toBe(true);
  const ids = await listedIds(page);
  const focusedId = () =>
    page.evaluate(() => (document.activeElement?.closest('li') as HTMLElement | null)?.dataset.id ?? null);
  expect(await focusedId()).toBe(ids[0]);
  // The focus is drawn.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  // Down twice: the third row has the focus and its feature is highlighted as if hovered.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await focusedId()).toBe(ids[2]);
  await expect(list(page).locator(`li[data-id="${ids[2]}"]`)).toHaveClass(/hovered/);
  await page.keyboard.press('ArrowUp');
  expect(await focusedId()).toBe(ids[1]);
  await page.keyboard.press('End');
  expect(await focusedId()).toBe(ids.at(-1));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  expect(await focusedId()).toBe(ids[1]);

  // Enter selects it: the panel opens with it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`sel=${ids[1]}(&|$)`));
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  await expect(list(page).locator(`li[data-id="${ids[1]}"] button.row`)).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  // Tab leaves the row for its article links, then the list.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'))
  ).toMatch(/\/articles\/\d+/);
});

test('near-me puts each row’s distance in the list, nearest first', async ({ page }) => {
  await page.goto('/#map=14/36.0631/120.3826&near=120.3826,36.0631&r=3');
  await waitForMap(page, SLOW_MAP_MS);
  await openList(page);
  const distances = await list(page)
    .locator('li[data-id]')
    .evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.distance)));
  expect(distances.length).toBeGreaterThan(5);
  expect(distances.every(Number.isFinite)).toBe(true);
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  await expect(list(page).getByTestId('feature-list-distance').first()).toBeVisible();
  await expect(page.getByTestId('feature-list-count')).toContainText('按到起点的距离排列');
});
