/**
 * Untrusted strings on their way out, and in the briefing: a user's polygon and layer named with payloads
 * in the area tool's answer (its heading, the per-feature counts of the user's layer, the choice of
 * polygons) and in its CSV (formula cells neutralised, the layer's column header too) and GeoJSON
 * downloads; a payload typed as the exported PNG's title (drawn on a canvas as text, never parsed); and
 * a briefing deck file whose name, slide titles, captions and an unknown key are payloads. Nothing fires
 * (xss-corpus.ts), the text shows literally where it is shown, and any Content-Security-Policy violation
 * fails the test through the shared fixture.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { test, expect, waitForMap, dropFiles } from './fixtures';
import { FORMULAS, PAYLOADS, expectNothingFired, watchDialogs } from './xss-corpus';

async function saved(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

/** Drops one text file on the map. */
const drop = (page: Page, name: string, body: string) =>
  dropFiles(page, [{ name, data: Buffer.from(body, 'utf8').toString('base64') }]);

test('a user polygon and layer named with payloads: the area answer shows them as text and its CSV neutralises formulas', async ({
  page
}) => {
  test.setTimeout(180_000);
  const dialogs = await watchDialogs(page);
  await page.goto('/?lang=en#map=13/36.07/120.39');
  await waitForMap(page, 60_000);

  // The layer's name (from its file) starts with a formula; its polygon is named with markup.
  const layerName = `${FORMULAS[0]}${PAYLOADS[0]}`;
  const polygonName = PAYLOADS[1];
  const square = [
    [
      [120.36, 36.05],
      [120.42, 36.05],
      [120.42, 36.09],
      [120.36, 36.09],
      [120.36, 36.05]
    ]
  ];
  await drop(
    page,
    `${layerName}.geojson`,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: polygonName, note: FORMULAS[1] },
          geometry: { type: 'Polygon', coordinates: square }
        }
      ]
    })
  );
  await expect(page.getByTestId('user-layer-name')).toHaveValue(layerName, { timeout: 60_000 });

  await page.getByTestId('area-button').click();
  await expect(page.getByTestId('area-tool')).toBeVisible();
  const pickUser = page.getByTestId('area-user-feature');
  const option = pickUser.locator('option').filter({ hasText: polygonName });
  await expect(option).toHaveText(`${layerName} · ${polygonName}`);
  await pickUser.selectOption({ label: `${layerName} · ${polygonName}` });
  const count = page.getByTestId('area-count');
  await expect(count).toContainText(`${layerName} · ${polygonName}`);
  expect(Number(await count.getAttribute('data-count'))).toBeGreaterThan(3);
  // Each plan feature in the answer counts the user's layer near it, by the layer's name.
  const near = page.getByTestId('area-near-counts').first();
  await expect(near).toContainText(layerName);
  await expectNothingFired(page, dialogs);

  // CSV: the user layer's column is headed with its name, the formula neutralised with a leading apostrophe;
  // no cell a spreadsheet would run (a negative number is a number).
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('area-export-csv').click()
  ]);
  const table = Papa.parse<string[]>((await saved(csv)).toString('utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true
  }).data;
  const header = table[0]!;
  expect(header[header.length - 1]!.startsWith(`'${layerName}_`)).toBe(true);
  for (const cell of table.flat()) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);

  // GeoJSON: the area keeps its name exactly, as data.
  const [geojson] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('area-export-geojson').click()
  ]);
  const collection = JSON.parse((await saved(geojson)).toString('utf8')) as GeoJSON.FeatureCollection;
  const area = collection.features[0]!;
  expect(area.properties).toMatchObject({ role: 'area', name_en: `${layerName} · ${polygonName}` });
  expect(Object.keys(collection.features[1]!.properties!.near as object)).toEqual([layerName]);
  await expectNothingFired(page, dialogs);
});

test('a payload as the exported PNG’s title is drawn as text and fires nothing', async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs = await watchDialogs(page);
  await page.goto('/#map=12/36.08/120.38');
  await waitForMap(page, 90_000);
  const size = await page
    .getByTestId('map')
    .evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-scale-1').check();
  for (const title of [PAYLOADS[0], `${PAYLOADS[2]} ${FORMULAS[0]}`]) {
    await dialog.getByTestId('export-title').fill(title);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      dialog.getByTestId('export-png').click()
    ]);
    // The file keeps the site's own name, whatever the title says.
    expect(download.suggestedFilename()).toMatch(/^qingdao-plan-map-\d{4}-\d{2}-\d{2}-1x\.png$/);
    const png = PNG.sync.read(await saved(download));
    expect([png.width, png.height]).toEqual([size.width, size.height]);
    await expect(dialog.getByTestId('export-title')).toHaveValue(title);
    await expectNothingFired(page, dialogs);
  }
});

/** A deck of two view slides whose titles and captions are payloads. */
function deck(extra: Record<string, unknown> = {}) {
  const slide = (i: number) => ({
    id: `view-${i + 1}`,
    kind: 'view',
    chapter: null,
    title_zh: PAYLOADS[i * 2]!,
    title_en: PAYLOADS[i * 2 + 1]!,
    caption_zh: PAYLOADS[(i * 2 + 4) % PAYLOADS.length]!,
    caption_en: FORMULAS[i]!,
    camera: { center: [120.38, 36.07], zoom: 11 },
    bounds: null,
    filter: { layers: null, statuses: null, chapter: null },
    selection: null,
    targets: []
  });
  return {
    format: 'qingdao-plan-map/briefing-deck',
    version: 1,
    title_zh: PAYLOADS[6],
    title_en: PAYLOADS[7],
    slides: [slide(0), slide(1)],
    ...extra
  };
}

test('a deck file named with a payload, its titles and captions payloads, imports as text; a bad one is named as text', async ({
  page
}) => {
  test.setTimeout(180_000);
  const dialogs = await watchDialogs(page);
  await page.goto('/briefing');
  await expect(page.getByTestId('briefing-map')).toHaveAttribute('data-overlay', 'ready', {
    timeout: 90_000
  });
  await page.keyboard.press('e');
  const editor = page.getByTestId('slide-editor');
  await expect(editor).toBeVisible();

  const name = `${PAYLOADS[0]}.json`;
  await editor.getByTestId('import-deck').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(deck()))
  });
  const fileName = await page.evaluate((n) => new File([], n).name, name);
  await expect(editor.getByTestId('import-message')).toContainText(fileName);
  await expect(editor.getByTestId('editor-slide')).toHaveCount(2);
  await expect(editor.getByTestId('editor-slide').nth(0)).toContainText(PAYLOADS[0]);
  await expect(editor.getByTestId('editor-slide').nth(1)).toContainText(PAYLOADS[2]);
  await expect(page.getByTestId('slide-title')).toHaveText(PAYLOADS[0]);
  await expect(page.getByTestId('slide-caption')).toHaveText(PAYLOADS[4]);
  await expectNothingFired(page, dialogs);

  // Typed into the caption field, a payload shows on the slide as typed.
  await editor.getByTestId('caption-zh').fill(PAYLOADS[6]);
  await expect(page.getByTestId('slide-caption')).toHaveText(PAYLOADS[6]);

  // A deck with a key that is a payload is refused, the message naming the file and the key as text.
  const bad = `${PAYLOADS[2]}.json`;
  await editor.getByTestId('import-deck').setInputFiles({
    name: bad,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(deck({ [PAYLOADS[1]]: 1 })))
  });
  const message = editor.getByTestId('import-message');
  await expect(message).toContainText(await page.evaluate((n) => new File([], n).name, bad));
  await expect(message).toContainText(PAYLOADS[1]);
  await expect(editor.getByTestId('editor-slide')).toHaveCount(2);

  // The deck as kept in the browser reads back as text after a reload, in English too.
  await page.goto('/briefing?lang=en');
  await expect(page.getByTestId('briefing-map')).toHaveAttribute('data-overlay', 'ready', {
    timeout: 90_000
  });
  await expect(page.getByTestId('slide-title')).toHaveText(PAYLOADS[1]);
  await expect(page.getByTestId('slide-caption')).toHaveText(FORMULAS[0]);
  await expectNothingFired(page, dialogs);
});
