/**
 * A planner's own layers, end to end: importing files (picker and drop), the result of each file, a
 * GCJ-02 table of stations recognised and converted onto the stations, a broken file beside a good layer,
 * layers and their styles kept across a reload, and a cancelled import that keeps nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { wgs84ToGcj02 } from '../../src/lib/geo/chinese-coords';
import { test, expect, waitForMap } from './fixtures';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name: string) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(new URL(name, FIXTURES))
});

/** Operating stations (data/), one per name, WGS-84, with their line. */
function stations(): { name: string; line: string; lonlat: [number, number] }[] {
  const text = readFileSync(
    new URL('../../data/features/metro/operating-stations.csv', import.meta.url),
    'utf8'
  );
  const seen = new Set<string>();
  const out: { name: string; line: string; lonlat: [number, number] }[] = [];
  for (const row of text.trim().split('\n').slice(1)) {
    const [line, , name, , lon, lat] = row.split(',');
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, line: line!, lonlat: [Number(lon), Number(lat)] });
  }
  return out;
}

const STATIONS = stations().filter((_, i) => i % 6 === 0);

/** A table of station positions as a Chinese web map gives them: GCJ-02, converted with chinese-coords.ts. */
function gcj02Csv() {
  const rows = STATIONS.map((s, i) => {
    const [lon, lat] = wgs84ToGcj02(s.lonlat);
    return `${s.name}站,${lon.toFixed(6)},${lat.toFixed(6)},${s.line}号线,${(i * 37) % 100}`;
  });
  return {
    name: 'stations-from-amap.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`名称,经度,纬度,线路,客流\n${rows.join('\n')}\n`)
  };
}

function metres([a, b]: readonly number[], [c, d]: readonly number[]): number {
  const k = Math.PI / 180;
  const x = (c! - a!) * k * Math.cos(((b! + d!) / 2) * k);
  return Math.hypot(x, (d! - b!) * k) * 6_371_000;
}

/** For each point, the distance in metres to the nearest of the stations in the table. */
function distancesToStations(points: readonly [number, number][]): number[] {
  return points.map((p) => Math.min(...STATIONS.map((s) => metres(p, s.lonlat))));
}

async function drawn(page: Page) {
  return page.evaluate(async () => (await window.qingdaoPlanMap!.userLayerSet()).states());
}

async function pick(page: Page, files: Parameters<Page['setInputFiles']>[1]) {
  await page.getByTestId('import-input').setInputFiles(files);
}

test('a GCJ-02 table of stations is recognised, previewed and converted onto the stations', async ({
  page
}) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  await pick(page, gcj02Csv());
  const results = page.getByTestId('import-results');
  await expect(results.getByTestId('import-added')).toHaveText(
    `✓ Added layer “stations-from-amap”: ${STATIONS.length} features`
  );
  const layer = page.getByTestId('user-layer');
  await expect(layer.getByTestId('user-layer-crs')).toContainText('Read as WGS-84 / CGCS2000');
  await expect(layer.getByTestId('user-layer-suggestion')).toContainText('read as GCJ-02');

  // As read, the points sit hundreds of metres off the stations; the preview (a ghost) sits on them.
  await expect.poll(async () => (await drawn(page)).length).toBe(2);
  const both = await drawn(page);
  let asRead = both.find((l) => !l.ghost);
  const ghost = both.find((l) => l.ghost);
  expect(ghost).toBeDefined();
  expect(Math.min(...distancesToStations(asRead!.points))).toBeGreaterThan(200);
  expect(Math.max(...distancesToStations(ghost!.points))).toBeLessThan(5);

  await layer.getByTestId('user-layer-accept').click();
  await expect(layer.getByTestId('user-layer-suggestion')).toHaveCount(0);
  await expect(layer.getByTestId('user-layer-crs')).toContainText('Read as GCJ-02 (from your choice)');
  await expect.poll(async () => (await drawn(page)).length).toBe(1);
  [asRead] = await drawn(page);
  expect(asRead!.points).toHaveLength(STATIONS.length);
  expect(Math.max(...distancesToStations(asRead!.points))).toBeLessThan(5);
});

test('a broken file says what is wrong and where, and the layers already there stay', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  await pick(page, fixture('valid.geojson'));
  await expect(page.getByTestId('import-added')).toContainText('Added layer “valid”');
  // The layer is listed as soon as it is read; the map draws it once the worker has prepared it.
  await expect.poll(async () => (await drawn(page)).length).toBe(1);
  const before = await drawn(page);

  // Dropped on the map: a truncated GeoJSON, and a table with some bad rows.
  const dataTransfer = await page.evaluateHandle(
    ([broken, rows]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([broken!], 'truncated.geojson'));
      dt.items.add(new File([rows!], 'bad-rows.csv'));
      return dt;
    },
    [
      readFileSync(new URL('truncated.geojson', FIXTURES), 'utf8'),
      readFileSync(new URL('bad-rows.csv', FIXTURES), 'utf8')
    ]
  );
  await page.getByTestId('map').dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByTestId('import-drop')).toBeVisible();
  await page.getByTestId('map').dispatchEvent('drop', { dataTransfer });

  const files = page.getByTestId('import-file');
  await expect(files).toHaveCount(2);
  await expect(files.nth(0).getByTestId('import-error')).toContainText('truncated.geojson');
  await expect(files.nth(0).getByTestId('import-error')).toContainText('ends early');
  await expect(files.nth(1).getByTestId('import-skipped')).toContainText(/skipped/);
  await expect(files.nth(1).getByTestId('import-skipped').locator('li').first()).toContainText(/line \d+/);
  // The layer from before is still listed and drawn, as it was.
  await expect(page.getByTestId('user-layer')).toHaveCount(2);
  await expect(page.getByTestId('user-layer').nth(1).getByTestId('user-layer-name')).toHaveValue('valid');
  const after = await drawn(page);
  expect(after.find((l) => l.id === before[0]!.id)).toEqual(before[0]);
});

test('layers and their styles are kept across a reload', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  await pick(page, gcj02Csv());
  const layer = page.getByTestId('user-layer');
  await expect(layer).toHaveCount(1);
  await layer.getByTestId('user-layer-keep').click();
  await layer.getByTestId('user-layer-style').selectOption('graduated');
  await layer.getByTestId('user-layer-property').selectOption('客流');
  await expect(layer.getByTestId('user-layer-legend').locator('li')).toHaveCount(5);
  await layer.getByTestId('user-layer-name').fill('Stations (Amap)');
  await layer.getByTestId('user-layer-name').press('Enter');
  await layer.getByTestId('user-layer-opacity').fill('0.5');
  const legend = await layer.getByTestId('user-layer-legend').innerText();
  await expect.poll(async () => (await drawn(page))[0]?.coloured).toBe(true);

  await page.reload();
  await waitForMap(page);
  const again = page.getByTestId('user-layer');
  await expect(again).toHaveCount(1);
  await expect(again.getByTestId('user-layer-name')).toHaveValue('Stations (Amap)');
  await expect(again.getByTestId('user-layer-style')).toHaveValue('graduated');
  await expect(again.getByTestId('user-layer-legend')).toHaveText(legend);
  await expect(again.getByTestId('user-layer-suggestion')).toHaveCount(0);
  await expect
    .poll(async () => (await drawn(page))[0])
    .toMatchObject({ coloured: true, opacity: 0.5, ghost: false });
});

test('a cancelled import keeps nothing of its batch', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForMap(page);
  // A large second file keeps the reader busy for a while: time to cancel, after the first has been read.
  const points = Array.from({ length: 150_000 }, (_, i) => ({
    type: 'Feature',
    properties: { n: i },
    geometry: { type: 'Point', coordinates: [120 + (i % 500) / 1000, 36 + Math.floor(i / 500) / 1000] }
  }));
  const large = {
    name: 'large.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: points }))
  };
  await pick(page, [fixture('valid.geojson'), large]);
  await expect(page.getByTestId('import-progress')).toContainText('Reading file 2 of 2: large.geojson');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-cancelled')).toHaveText(
    'Import cancelled: none of the 2 files in this batch was added.'
  );
  await expect(page.getByTestId('user-layer')).toHaveCount(0);
  expect(await drawn(page)).toEqual([]);
  await page.reload();
  await waitForMap(page);
  expect(await drawn(page)).toEqual([]);
});
