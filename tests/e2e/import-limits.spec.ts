/**
 * The importer's budgets in the browser (src/lib/import/types.ts DEFAULT_BUDGET): a file over the size,
 * feature, vertex or nesting budget, or a zip over its entry count, compression ratio or unpacked total, is
 * refused with a message that names the file and the limit, while the layer imported before stays listed
 * and drawn as it was; and the browser's storage running out keeps what was saved and names what was not.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { DEFAULT_BUDGET } from '../../src/lib/import/types';
import { test, expect, waitForMap } from './fixtures';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function drawn(page: Page) {
  return page.evaluate(async () => (await window.qingdaoPlanMap!.userLayerSet()).states());
}

/** A zip of `count` tiny .dbf entries: one over the entry budget. */
function manyEntries(count: number): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) entries[`part-${i}.dbf`] = new Uint8Array([i & 0xff]);
  return zipSync(entries, { level: 0 });
}

/**
 * A zip whose .shp claims (in the central directory, where the importer reads it before inflating
 * anything) 400 MB unpacked from 2 MB stored: a ratio of 200:1, within that budget, and a total over the
 * 300 MB unpacked budget.
 */
function overUnpacked(): Uint8Array {
  const stored = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
  const zip = zipSync({ 'big.shp': [stored, { level: 0 }] });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record gives where the directory starts; its first entry's
  // uncompressed size sits 24 bytes into the entry.
  const end = zip.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const directory = view.getUint32(end + 16, true);
  expect(view.getUint32(directory, true)).toBe(0x02014b50);
  view.setUint32(directory + 24, 400 * 1024 * 1024, true);
  return zip;
}

/** KML nested deeper than the budget (Folders in Folders). */
const deepKml = (levels: number) =>
  `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(levels)}` +
  `<Placemark><Point><coordinates>120.38,36.07</coordinates></Point></Placemark>${'</Folder>'.repeat(levels)}` +
  '</Document></kml>';

test('a file over each import budget is refused naming the file and the limit; the layer before stays', async ({
  page
}) => {
  test.setTimeout(300_000);
  await page.goto('/?lang=en');
  await waitForMap(page, 60_000);
  await page.getByTestId('import-input').setInputFiles({
    name: 'valid.geojson',
    mimeType: 'application/geo+json',
    buffer: readFileSync(new URL('valid.geojson', FIXTURES))
  });
  await expect(page.getByTestId('import-added')).toContainText('Added layer “valid”');
  await expect.poll(async () => (await drawn(page)).length).toBe(1);
  const before = await drawn(page);

  const budget = DEFAULT_BUDGET;
  // Built in Node and sent over as text: the small and the crafted files.
  const small = [
    { name: 'deep.geojson', data: base64(readFileSync(new URL('deep.geojson', FIXTURES))) },
    { name: 'deep.kml', data: base64(Buffer.from(deepKml(budget.maxDepth + 2))) },
    { name: 'bomb.zip', data: base64(readFileSync(new URL('bomb.zip', FIXTURES))) },
    { name: 'many-entries.zip', data: base64(manyEntries(budget.maxZipEntries + 1)) },
    { name: 'over-unpacked.zip', data: base64(overUnpacked()) }
  ];
  // Built in the page: the large ones.
  const dataTransfer = await page.evaluateHandle(
    ({ small, budget }) => {
      const dt = new DataTransfer();
      // One byte over the size budget (its content is never looked at).
      dt.items.add(new File([new Uint8Array(budget.maxBytes + 1)], 'over-size.geojson'));
      // One row over the feature budget.
      dt.items.add(
        new File(['lon,lat\n', '120.3,36.1\n'.repeat(budget.maxFeatures + 1)], 'over-features.csv')
      );
      // One coordinate pair over the vertex budget, in a single line.
      const pairs = '[120,36],'.repeat(budget.maxVertices);
      dt.items.add(
        new File(
          [
            `{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[${pairs}[120,36]]}}`
          ],
          'over-vertices.geojson'
        )
      );
      for (const f of small)
        dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
      return dt;
    },
    { small, budget }
  );
  await page.getByTestId('map').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('map').dispatchEvent('drop', { dataTransfer });

  const files = page.getByTestId('import-file');
  await expect(files).toHaveCount(3 + small.length, { timeout: 240_000 });
  const expected: [string, string][] = [
    ['over-size.geojson', 'the file is 100.0 MB, over the budget of 100.0 MB'],
    ['over-features.csv', `more than ${budget.maxFeatures} features (the budget)`],
    ['over-vertices.geojson', `more than ${budget.maxVertices} coordinate pairs (the budget)`],
    ['deep.geojson', `nested deeper than ${budget.maxDepth} levels (the budget)`],
    ['deep.kml', `nested deeper than ${budget.maxDepth} levels (the budget)`],
    ['bomb.zip', `(64.0 MB from `],
    [
      'many-entries.zip',
      `(${budget.maxZipEntries + 1} entries); the budget is ${budget.maxZipEntries} entries`
    ],
    ['over-unpacked.zip', 'expands to too much data (400.0 MB); the budget is 300.0 MB']
  ];
  for (const [i, [name, limit]] of expected.entries()) {
    const error = files.nth(i).getByTestId('import-error');
    await expect(error, name).toContainText(`${name}`);
    await expect(error, name).toContainText(limit);
  }
  await expect(files.nth(5).getByTestId('import-error')).toContainText(
    `the budget is ${budget.maxZipRatio}:1`
  );
  await expect(page.getByTestId('import-added')).toHaveCount(0);

  // The layer from before is still listed and drawn, as it was, and nothing of the refused files was kept.
  await expect(page.getByTestId('user-layer')).toHaveCount(1);
  await expect(page.getByTestId('user-layer-name')).toHaveValue('valid');
  expect(await drawn(page)).toEqual(before);
  await page.reload();
  await waitForMap(page, 60_000);
  await expect(page.getByTestId('user-layer')).toHaveCount(1);
  await expect(page.getByTestId('user-layer-name')).toHaveValue('valid');
});

test('a file of gigabytes is refused by its size without being read; the other file of the batch imports', async ({
  page
}, testInfo) => {
  // 3 GB on disk as a sparse file (it takes no space): a browser cannot read it into memory at all.
  const huge = join(tmpdir(), `huge-${testInfo.workerIndex}-${Date.now()}`, 'city-survey.geojson');
  mkdirSync(join(huge, '..'), { recursive: true });
  closeSync(openSync(huge, 'w'));
  truncateSync(huge, 3 * 1024 ** 3);
  try {
    await page.goto('/?lang=en');
    await waitForMap(page, 60_000);
    await page.getByTestId('import-input').setInputFiles([huge, new URL('valid.geojson', FIXTURES).pathname]);
    const files = page.getByTestId('import-file');
    await expect(files).toHaveCount(2);
    await expect(files.nth(0).getByTestId('import-error')).toHaveText(
      '✗ Not imported: city-survey.geojson: the file is 3072.0 MB, over the budget of 100.0 MB'
    );
    await expect(files.nth(1).getByTestId('import-added')).toContainText('Added layer “valid”');
    await expect(page.getByTestId('user-layer')).toHaveCount(1);
  } finally {
    rmSync(join(huge, '..'), { recursive: true, force: true });
  }
});

test('storage running out keeps the layers saved before and names the one it could not keep', async ({
  page,
  context
}) => {
  test.setTimeout(180_000);
  await page.goto('/?lang=en');
  await waitForMap(page, 60_000);
  // The browser's own quota for this site, made small (as DevTools' "custom storage quota" does).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(page.url()).origin,
    quotaSize: 2 * 1024 * 1024
  });

  await page.getByTestId('import-input').setInputFiles({
    name: 'valid.geojson',
    mimeType: 'application/geo+json',
    buffer: readFileSync(new URL('valid.geojson', FIXTURES))
  });
  await expect(page.getByTestId('import-added')).toContainText('Added layer “valid”');
  await expect(page.getByTestId('user-notice')).toHaveCount(0);

  // About 6 MB of points with a long property each: more than the quota holds.
  const large = {
    type: 'FeatureCollection',
    features: Array.from({ length: 20_000 }, (_, i) => ({
      type: 'Feature',
      properties: { n: i, note: `survey point ${i} `.repeat(12) },
      geometry: { type: 'Point', coordinates: [120.3 + (i % 200) / 1000, 36.05 + Math.floor(i / 200) / 1000] }
    }))
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'survey.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(large))
  });
  await expect(page.getByTestId('import-added')).toContainText('Added layer “survey”: 20,000 features');
  const notice = page.locator('[data-testid=user-notice][data-kind=quota]');
  await expect(notice).toContainText('survey');
  await expect(notice).not.toContainText('valid');
  // Drawn for this visit, and said so where it is listed.
  await expect(page.getByTestId('user-layer')).toHaveCount(2);
  await expect(page.getByTestId('user-layer').nth(0)).toContainText('could not be kept in the browser');
  await expect(page.getByTestId('user-layer').nth(1)).not.toContainText('could not be kept in the browser');
  await expect.poll(async () => (await drawn(page)).length).toBe(2);

  // After a reload the layer saved before is there, whole; the one that did not fit is not.
  await page.reload();
  await waitForMap(page, 60_000);
  await expect(page.getByTestId('user-layer')).toHaveCount(1);
  await expect(page.getByTestId('user-layer-name')).toHaveValue('valid');
  await expect(page.getByTestId('user-layer-count')).toHaveText(/^valid: \d+ features$/);
  await expect(page.locator('[data-testid=user-notice][data-kind=set-aside]')).toHaveCount(0);
});
