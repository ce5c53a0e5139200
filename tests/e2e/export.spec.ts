/**
 * Exporting the view at 1280x720: the PNG at 2× and 4× is exactly the map's size times the scale, is a
 * picture (not a blank or a corner of one) and carries the legend's layer colours, the title and the QR
 * code; the filtered features in view, all of them and the selected one come out as GeoJSON and CSV with
 * the counts the list twin and the data give; the dialog works from the keyboard and Escape closes it alone.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { LAYERS } from '../../src/lib/plan/layers';
import { DEFAULT_LAYER_IDS } from '../../src/lib/plan/layer-ids';
import { hexToRgba } from '../../src/lib/map/colour';
import { seriousViolations } from './axe';
import { test, expect, waitForMap, loadFeatures, colourDistance, pixel } from './fixtures';

/** Software WebGL draws a 4× frame of a city view slowly on a busy machine. */
const SLOW_MS = 90_000;

async function openExport(page: Page) {
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function saved(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

/** The map element's size in CSS pixels, as MapLibre sizes its canvas. */
const mapSize = (page: Page) =>
  page.getByTestId('map').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));

/** Pixels in a box (CSS pixels × scale) within `tolerance` of `colour`. */
function countInBox(
  png: PNG,
  box: { x: number; y: number; w: number; h: number },
  colour: readonly number[],
  tolerance = 12
): number {
  let count = 0;
  for (let y = box.y; y < Math.min(png.height, box.y + box.h); y++)
    for (let x = box.x; x < Math.min(png.width, box.x + box.w); x++)
      if (colourDistance(pixel(png, x, y), colour) < tolerance) count++;
  return count;
}

/** Standard deviation of the grey level over a grid of samples: near 0 for a blank image. */
function greySpread(png: PNG): number {
  const values: number[] = [];
  for (let y = 0; y < png.height; y += 7)
    for (let x = 0; x < png.width; x += 7) {
      const [r, g, b] = pixel(png, x, y);
      values.push(0.299 * r + 0.587 * g + 0.114 * b);
    }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

test('the view as a PNG at 2× and 4×: its size is the map’s times the scale, with the map, legend colours, title and QR code', async ({
  page,
  request
}) => {
  test.setTimeout(240_000);
  await page.goto('/#map=11/36.08/120.38');
  await waitForMap(page, SLOW_MS);
  const size = await mapSize(page);
  const bounds = await page.evaluate(() => {
    const b = window.qingdaoPlanMap!.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  });
  // The layers with a feature in view, from the data rather than the site's code.
  const features = await loadFeatures(request);
  const inView = new Set(
    features
      .filter((f) => {
        const coords = JSON.stringify((f.geometry as GeoJSON.Point).coordinates)
          .match(/-?\d+\.?\d*/g)!
          .map(Number);
        const lons = coords.filter((_, i) => i % 2 === 0);
        const lats = coords.filter((_, i) => i % 2 === 1);
        return (
          Math.min(...lons) <= bounds[2]! &&
          Math.max(...lons) >= bounds[0]! &&
          Math.min(...lats) <= bounds[3]! &&
          Math.max(...lats) >= bounds[1]!
        );
      })
      .map((f) => f.properties.layer)
  );
  expect(inView.size).toBeGreaterThan(3);

  const dialog = await openExport(page);
  for (const scale of [2, 4]) {
    await dialog.getByTestId(`export-scale-${scale}`).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: SLOW_MS }),
      dialog.getByTestId('export-png').click()
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${scale}x\\.png$`));
    const png = PNG.sync.read(await saved(download));
    expect([png.width, png.height]).toEqual([size.width * scale, size.height * scale]);
    await expect(dialog.getByTestId('export-status')).toContainText(`${png.width} × ${png.height}`);

    // A picture, not a blank: the grey levels spread, and sea, land and the metro lines are all there.
    expect(greySpread(png)).toBeGreaterThan(12);
    const whole = { x: 0, y: 0, w: png.width, h: png.height };
    expect(countInBox(png, whole, [0xb9, 0xd7, 0xe8], 6)).toBeGreaterThan(1000 * scale * scale);
    // The deck.gl layers fill the whole frame, not a corner of it: Line 2's red in the right half.
    const red = hexToRgba(features.find((f) => f.properties.id === 'metro-line-2')!.properties.color!).slice(
      0,
      3
    );
    const rightHalf = { x: png.width / 2, y: 0, w: png.width / 2, h: png.height };
    expect(countInBox(png, rightHalf, red, 40)).toBeGreaterThan(50 * scale * scale);

    // The legend, at the left under the title: each layer in view has its colour swatch (10×10 CSS px).
    const legendBox = { x: 12 * scale, y: 60 * scale, w: 40 * scale, h: 400 * scale };
    for (const layer of LAYERS.filter((l) => inView.has(l.id))) {
      const colour = hexToRgba(layer.colour).slice(0, 3);
      expect(countInBox(png, legendBox, colour), `${layer.id}'s swatch`).toBeGreaterThan(60 * scale * scale);
    }
    // The title's dark ink at the top left, and the QR code's black and white modules at the bottom right.
    const titleBox = { x: 20 * scale, y: 16 * scale, w: 300 * scale, h: 26 * scale };
    expect(countInBox(png, titleBox, [0x1f, 0x29, 0x33], 40)).toBeGreaterThan(100 * scale * scale);
    const qrBox = { x: png.width - 110 * scale, y: png.height - 150 * scale, w: 100 * scale, h: 110 * scale };
    expect(countInBox(png, qrBox, [0, 0, 0], 10)).toBeGreaterThan(1500 * scale * scale);
    expect(countInBox(png, qrBox, [255, 255, 255], 10)).toBeGreaterThan(1500 * scale * scale);
  }

  // The map is back at the screen's pixel ratio afterwards, with the overlay drawn over all of it.
  const canvas = await page.evaluate(() => {
    const c = window.qingdaoPlanMap!.map.getCanvas();
    return [c.width, c.height];
  });
  expect(canvas).toEqual([size.width, size.height]);
});

test('filtered features in view, all filtered and the selected one as GeoJSON and CSV, with the list’s counts', async ({
  page,
  request
}) => {
  test.setTimeout(180_000);
  await page.goto('/#map=12/36.08/120.38&status=operating');
  await waitForMap(page, SLOW_MS);
  await page.getByTestId('list-button').click();
  const list = page.getByTestId('feature-list');
  await expect(list.locator('li[data-id]').first()).toBeVisible();
  await waitForMap(page, SLOW_MS);
  const listed = await list
    .locator('li[data-id]')
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id!));
  const count = Number(await page.getByTestId('feature-list-count').getAttribute('data-count'));
  expect(listed.length).toBe(count);
  expect(count).toBeGreaterThan(5);

  const dialog = await openExport(page);
  await expect(dialog.getByTestId('export-scope-view')).toBeChecked();
  const [geojson] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByTestId('export-geojson').click()
  ]);
  const collection = JSON.parse((await saved(geojson)).toString('utf8')) as GeoJSON.FeatureCollection;
  expect(collection.features.map((f) => f.properties!.id)).toEqual(listed);
  for (const feature of collection.features) {
    expect(feature.properties!.status).toBe('operating');
    expect(Object.keys(feature.properties!)).toEqual(
      expect.arrayContaining([
        'id',
        'name_zh',
        'name_en',
        'kind',
        'status',
        'precision',
        'articles',
        'targets',
        'source'
      ])
    );
  }

  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-csv').click()]);
  const bytes = await saved(csv);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
    header: true,
    skipEmptyLines: true
  }).data;
  expect(rows.map((r) => r.id)).toEqual(listed);
  // Points carry their own coordinates.
  const features = await loadFeatures(request);
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const point = rows.find((r) => r.geometry === 'Point')!;
  expect([Number(point.lon), Number(point.lat)]).toEqual(
    (byId.get(point.id!)!.geometry as GeoJSON.Point).coordinates.map((c) => Math.round(c * 1e6) / 1e6)
  );
  await expect(dialog.getByTestId('export-status')).toHaveText(`已下载 ${count} 个要素`);

  // All the features the filters keep: the default layers, operating only — counted from the data.
  const visible = new Set<string>(DEFAULT_LAYER_IDS);
  const expected = features.filter(
    (f) => visible.has(f.properties.layer) && f.properties.status === 'operating'
  );
  await dialog.getByTestId('export-scope-all').check();
  const [all] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-csv').click()]);
  const allRows = Papa.parse<Record<string, string>>((await saved(all)).toString('utf8').slice(1), {
    header: true,
    skipEmptyLines: true
  }).data;
  expect(allRows.map((r) => r.id).sort()).toEqual(expected.map((f) => f.properties.id).sort());
  await expect(dialog.getByTestId('export-scope-selected')).toBeDisabled();
});

test('the selected feature alone; the dialog from the keyboard, Escape closes it and nothing else, in English', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en#map=12/36.08/120.38&sel=metro-line-3');
  await waitForMap(page, SLOW_MS);
  await expect(page.getByTestId('feature-panel')).toBeVisible();

  await page.getByTestId('share-button').focus();
  await page.keyboard.press('Enter');
  const share = page.getByTestId('share-sheet');
  await expect(share).toBeVisible();
  const exportButton = share.getByTestId('share-export');
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('h2')).toHaveText('Export this view');
  await expect(dialog.getByTestId('export-title')).toHaveValue('Qingdao Plan Map · Metro Line 3');
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByTestId('export-scope-selected').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByTestId('export-geojson').click()
  ]);
  const collection = JSON.parse((await saved(download)).toString('utf8')) as GeoJSON.FeatureCollection;
  expect(collection.features.map((f) => f.properties!.id)).toEqual(['metro-line-3']);
  expect(collection.features[0]!.geometry.type).toBe('LineString');

  // Escape closes the export dialog alone: the share sheet, its button focused again, and the selection stay.
  await dialog.getByTestId('export-title').focus();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportButton).toBeFocused();
  await expect(share).toBeVisible();
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  expect(page.url()).toContain('sel=metro-line-3');
});
