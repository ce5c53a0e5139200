/**
 * A planner's own features on the map: hovered (a tooltip with the layer's name and the first properties),
 * clicked (the panel with every property as text, links only for http and https, and zoom to), and
 * beneath the plan's points and lines where both are within reach.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, mapBox, project, waitForMap } from './fixtures';

/** A station of the data (WGS-84), for a user point placed right on it. */
function station(): { name: string; lonlat: [number, number] } {
  const text = readFileSync(
    new URL('../../data/features/metro/operating-stations.csv', import.meta.url),
    'utf8'
  );
  const [, , name, , lon, lat] = text.trim().split('\n')[10]!.split(',');
  return { name: name!, lonlat: [Number(lon), Number(lat)] };
}

const STATION = station();
/** In the countryside: inside a large plan area (which the user's features win over), near no plan point or line. */
const A: [number, number] = [120.0, 36.7];
const HOSTILE = '<img src=x onerror="window.__xss=1">';

function layerFile() {
  const features = [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: A },
      properties: {
        名称: '测试点 A',
        note: HOSTILE,
        link: 'https://example.org/a?b=1',
        script: 'javascript:window.__xss=2',
        count: 42,
        extra: { nested: [1, 2] }
      }
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [A[0] + 0.01, A[1] - 0.005],
            [A[0] + 0.02, A[1] - 0.005],
            [A[0] + 0.02, A[1] + 0.005],
            [A[0] + 0.01, A[1] + 0.005],
            [A[0] + 0.01, A[1] - 0.005]
          ]
        ]
      },
      properties: { name: 'field B' }
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: STATION.lonlat },
      properties: { name: 'on the station' }
    }
  ];
  return {
    name: 'survey.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }))
  };
}

async function importLayer(page: Page) {
  await page.getByTestId('import-input').setInputFiles(layerFile());
  await expect(page.getByTestId('import-added')).toContainText('survey');
  await expect
    .poll(() => page.evaluate(async () => (await window.qingdaoPlanMap!.userLayerSet()).states().length))
    .toBe(1);
}

/** Moves the map to a view and waits until it has drawn it, user layers included. */
async function show(page: Page, view: { zoom: number; lon: number; lat: number }) {
  await page.evaluate(
    (v) =>
      new Promise<void>((resolve) => {
        const map = window.qingdaoPlanMap!.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom });
      }),
    view
  );
  // The overlay redraws the user's blocks for the new view on the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('a user’s feature shows a tooltip on hover and its properties, as text, on a click', async ({
  page
}) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  await importLayer(page);
  const view = { zoom: 14, lon: A[0], lat: A[1] };
  await show(page, view);
  const box = await mapBox(page);
  const a = project(view, box, A[0], A[1]);

  await page.mouse.move(a.x + 40, a.y + 40);
  await page.mouse.move(a.x, a.y);
  const tooltip = page.getByTestId('user-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip.locator('strong')).toHaveText('survey');
  await expect(tooltip).toContainText('名称: 测试点 A');
  await expect(tooltip).toContainText(`note: ${HOSTILE}`);
  await expect(tooltip).toContainText('3 more properties');

  await page.mouse.click(a.x, a.y);
  const panel = page.getByTestId('user-feature-panel');
  await expect(panel).toBeVisible();
  await expect(panel.locator('h2')).toHaveText('survey');
  await expect(panel).toContainText('Feature 1 of 3');
  const rows = panel.getByTestId('user-feature-properties');
  await expect(rows.locator('dt')).toHaveText(['名称', 'note', 'link', 'script', 'count', 'extra']);
  await expect(rows.locator('dd')).toHaveText([
    '测试点 A',
    HOSTILE,
    'https://example.org/a?b=1',
    'javascript:window.__xss=2',
    '42',
    '{"nested":[1,2]}'
  ]);
  // Only the http(s) value is a link; markup is text, never an element.
  await expect(rows.locator('a')).toHaveCount(1);
  await expect(rows.locator('a')).toHaveAttribute('href', 'https://example.org/a?b=1');
  await expect(rows.locator('a')).toHaveAttribute('rel', /noopener/);
  await expect(rows.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  // Zoom to: the map centres on the point, closer in.
  await page.getByTestId('user-feature-zoom').click();
  await expect
    .poll(() => page.evaluate(() => window.qingdaoPlanMap!.map.getZoom()), { timeout: 5000 })
    .toBeGreaterThan(15.9);
  const centre = await page.evaluate(() => window.qingdaoPlanMap!.map.getCenter().toArray());
  expect(Math.abs(centre[0]! - A[0])).toBeLessThan(1e-4);
  expect(Math.abs(centre[1]! - A[1])).toBeLessThan(1e-4);

  // Escape closes it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // A polygon: hovered inside, its own properties.
  await show(page, view);
  const b = project(view, box, A[0] + 0.015, A[1]);
  await page.mouse.move(b.x, b.y);
  await expect(tooltip).toContainText('name: field B');
  // Away from every feature: no tooltip.
  await page.mouse.move(a.x - 150, a.y - 150);
  await expect(tooltip).toBeHidden();
});

test('the plan’s station wins over a user’s point on it; hiding the layer ends its tooltip', async ({
  page
}) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  await importLayer(page);
  const view = { zoom: 15, lon: STATION.lonlat[0], lat: STATION.lonlat[1] };
  await show(page, view);
  const s = project(view, await mapBox(page), ...STATION.lonlat);
  await page.mouse.move(s.x + 40, s.y + 40);
  await page.mouse.move(s.x, s.y);
  await expect(page.locator('[role=tooltip]:not([data-testid=user-tooltip])')).toContainText(STATION.name);
  await expect(page.getByTestId('user-tooltip')).toBeHidden();
  await page.mouse.click(s.x, s.y);
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  await expect(page.getByTestId('user-feature-panel')).toBeHidden();

  // At the point in the countryside, the user's feature; hidden, nothing.
  const view2 = { zoom: 14, lon: A[0], lat: A[1] };
  await show(page, view2);
  const a = project(view2, await mapBox(page), A[0], A[1]);
  await page.mouse.click(a.x, a.y);
  await expect(page.getByTestId('user-feature-panel')).toBeVisible();
  await expect(page.getByTestId('feature-panel')).toBeHidden();
  await page.getByTestId('user-layer-visible').uncheck();
  await expect(page.getByTestId('user-feature-panel')).toBeHidden();
  await show(page, view2);
  await page.mouse.move(a.x + 30, a.y);
  await page.mouse.move(a.x, a.y);
  await expect(page.getByTestId('user-tooltip')).toBeHidden();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a user’s feature opens in a bottom sheet, and the map keeps the space above it', async ({ page }) => {
    await page.goto('/?lang=en');
    await waitForMap(page);
    // On a phone the layers panel starts folded: open it to import, fold it again to see the map.
    const toggle = page.getByTestId('layers-panel').locator('button.toggle');
    await toggle.click();
    await importLayer(page);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const view = { zoom: 14, lon: A[0], lat: A[1] };
    await show(page, view);
    const full = await mapBox(page);
    const a = project(view, full, A[0], A[1]);
    await page.touchscreen.tap(a.x, a.y);
    const sheet = page.getByTestId('user-feature-sheet');
    await expect(sheet.getByTestId('user-feature-panel')).toBeVisible();
    // The map ends where the sheet begins, as it does for the plan's features.
    await expect
      .poll(async () => {
        const top = (await sheet.boundingBox())!.y;
        const map = await mapBox(page);
        return Math.round(Math.abs(map.y + map.height - top));
      })
      .toBeLessThanOrEqual(1);
    expect((await mapBox(page)).height).toBeLessThan(full.height * 0.75);
    // Closed, the map has its whole height back.
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect.poll(async () => Math.round((await mapBox(page)).height)).toBe(Math.round(full.height));
  });
});
