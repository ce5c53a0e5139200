/**
 * A planner's layers as the browser keeps them: shared between two tabs, a stored record that cannot be
 * read set aside with a notice while the others load, a removal undone, zoom to a layer, and a system
 * picked by hand (EPSG codes) with a reading off the globe refused.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import proj4 from 'proj4';
import { test, expect, waitForMap } from './fixtures';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name: string) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(new URL(name, FIXTURES))
});

async function open(page: Page) {
  await page.goto('/?lang=en');
  await waitForMap(page);
}

async function importFiles(page: Page, ...names: string[]) {
  await page.getByTestId('import-input').setInputFiles(names.map(fixture));
  await expect(page.getByTestId('import-added')).toHaveCount(names.length);
}

async function drawn(page: Page) {
  return page.evaluate(async () =>
    (await window.qingdaoPlanMap!.userLayerSet()).states().filter((s) => !s.ghost)
  );
}

function metres([a, b]: readonly number[], [c, d]: readonly number[]): number {
  const k = Math.PI / 180;
  const x = (c! - a!) * k * Math.cos(((b! + d!) / 2) * k);
  return Math.hypot(x, (d! - b!) * k) * 6_371_000;
}

test('two tabs share the layers: an import, a rename and a removal in one show in the other', async ({
  context
}) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await open(one);
  await open(two);
  await importFiles(one, 'valid.geojson');
  const other = two.getByTestId('user-layer');
  await expect(other).toHaveCount(1);
  await expect(other.getByTestId('user-layer-name')).toHaveValue('valid');

  const name = one.getByTestId('user-layer-name');
  await name.fill('共享图层');
  await name.press('Enter');
  await expect(other.getByTestId('user-layer-name')).toHaveValue('共享图层');
  await expect.poll(async () => (await drawn(two)).length).toBe(1);

  await one.getByTestId('user-layer-remove').click();
  await expect(other).toHaveCount(0);
  await expect.poll(async () => (await drawn(two)).length).toBe(0);
});

test('a stored layer that cannot be read is set aside with a notice; the others load', async ({ page }) => {
  await open(page);
  await importFiles(page, 'valid.geojson', 'stations-utf8.csv');
  await expect(page.getByTestId('user-layer')).toHaveCount(2);
  // A record as a damaged or older copy of the site might leave it: a description that does not fit.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('qingdao-plan-map-user-layers');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['meta', 'features'], 'readwrite');
          tx.objectStore('meta').put({ id: 'broken', name: '坏图层', style: 'purple', opacity: 7 });
          tx.objectStore('features').put({ type: 'FeatureCollection', features: [] }, 'broken');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      })
  );
  await page.reload();
  await waitForMap(page);
  const notice = page.locator('[data-testid=user-notice][data-kind=set-aside]');
  await expect(notice).toContainText('坏图层');
  const names = page.getByTestId('user-layer-name');
  await expect(names).toHaveCount(2);
  expect(new Set(await names.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))).toEqual(
    new Set(['valid', 'stations-utf8'])
  );
  await expect.poll(async () => (await drawn(page)).length).toBe(2);
  // Moved aside, not lost: kept in its own store, and gone from the layers.
  const stored = await page.evaluate(
    () =>
      new Promise<{ aside: number; meta: number }>((resolve) => {
        const request = indexedDB.open('qingdao-plan-map-user-layers');
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['set-aside', 'meta']);
          const aside = tx.objectStore('set-aside').count();
          const meta = tx.objectStore('meta').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ aside: aside.result, meta: meta.result });
          };
        };
      })
  );
  expect(stored).toEqual({ aside: 1, meta: 2 });
  // Read once, set aside once: the next visit has nothing to say.
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('user-layer')).toHaveCount(2);
  await expect(notice).toHaveCount(0);
});

test('a removed layer comes back with Undo, drawn and kept', async ({ page }) => {
  await open(page);
  await importFiles(page, 'valid.geojson');
  await expect.poll(async () => (await drawn(page)).length).toBe(1);
  const before = (await drawn(page))[0]!.points;
  await page.getByTestId('user-layer-remove').click();
  await expect(page.getByTestId('user-layer')).toHaveCount(0);
  await expect.poll(async () => (await drawn(page)).length).toBe(0);
  const notice = page.locator('[data-testid=user-notice][data-kind=removed]');
  await expect(notice).toContainText('Removed layer “valid”');
  await notice.getByTestId('user-undo').click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('user-layer')).toHaveCount(1);
  await expect.poll(async () => (await drawn(page))[0]?.points).toEqual(before);
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('user-layer-name')).toHaveValue('valid');
});

test('zoom to a layer brings its whole extent into view', async ({ page }) => {
  await page.goto('/?lang=en#map=13/36.40/120.70');
  await waitForMap(page);
  await importFiles(page, 'valid.geojson');
  const extent = JSON.parse(
    readFileSync(new URL('valid.geojson', FIXTURES), 'utf8')
  ) as GeoJSON.FeatureCollection;
  const xy = extent.features.flatMap((f) => {
    const g = f.geometry as GeoJSON.Point | GeoJSON.LineString | GeoJSON.Polygon;
    return (
      g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat()
    ) as number[][];
  });
  const [w, s, e, n] = [
    Math.min(...xy.map((p) => p[0]!)),
    Math.min(...xy.map((p) => p[1]!)),
    Math.max(...xy.map((p) => p[0]!)),
    Math.max(...xy.map((p) => p[1]!))
  ];
  const inView = () =>
    page.evaluate(
      ([w, s, e, n]) => {
        const b = window.qingdaoPlanMap!.map.getBounds();
        return b.getWest() <= w! && b.getSouth() <= s! && b.getEast() >= e! && b.getNorth() >= n!;
      },
      [w, s, e, n]
    );
  expect(await inView()).toBe(false);
  await page.getByTestId('user-layer-zoom').click();
  await expect.poll(inView, { timeout: 5000 }).toBe(true);
  // Close in: the extent fills a good part of the view, not a speck in it.
  const width = await page.evaluate(() => {
    const b = window.qingdaoPlanMap!.map.getBounds();
    return b.getEast() - b.getWest();
  });
  expect(width).toBeLessThan((e - w) * 4);
});

test('a system picked by hand re-reads the layer; a reading off the globe is refused', async ({ page }) => {
  await open(page);
  // One point in CGCS2000 / Gauss-Kruger zone 40 (EPSG:4528, named in the file): 五四广场.
  await importFiles(page, 'crs-4528.geojson');
  const layer = page.getByTestId('user-layer');
  const select = layer.getByTestId('user-layer-crs-select');
  await expect(select).toHaveValue('EPSG:4528');
  const at = async () => (await drawn(page))[0]!.points[0]!;
  await expect.poll(async () => metres(await at(), [120.3845, 36.062])).toBeLessThan(1);

  // Read as zone 39 instead (EPSG:4527): where proj4 puts the file's values in that zone.
  const raw: [number, number] = [40534640.862, 3992490.587];
  const zone39 = proj4(
    '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    'WGS84',
    raw
  );
  await select.selectOption('EPSG:4527');
  await expect.poll(async () => metres(await at(), zone39), { timeout: 10_000 }).toBeLessThan(1);
  await expect(layer.getByTestId('user-layer-crs')).toContainText('zone 39');

  // Without the zone in the easting (EPSG:4549), 40 million metres east is off the globe: refused, and
  // the layer stays as it was.
  await select.selectOption('EPSG:4549');
  const notice = page.locator('[data-testid=user-notice][data-kind=crs-failed]');
  await expect(notice).toContainText('feature 1');
  await expect(select).toHaveValue('EPSG:4527');
  expect(metres(await at(), zone39)).toBeLessThan(1);

  // And back to the file's own system: on the square again, after a reload too.
  await select.selectOption('EPSG:4528');
  await expect.poll(async () => metres(await at(), [120.3845, 36.062])).toBeLessThan(1);
  // The layer is redrawn before its record is written: reload once the browser holds the choice.
  const storedCrs = () =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const request = indexedDB.open('qingdao-plan-map-user-layers');
          request.onsuccess = () => {
            const db = request.result;
            const all = db.transaction('meta').objectStore('meta').getAll();
            all.onsuccess = () => {
              db.close();
              resolve((all.result as { crs: { applied: string } }[]).map((m) => m.crs.applied));
            };
          };
        })
    );
  await expect.poll(storedCrs).toEqual(['EPSG:4528']);
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('user-layer-crs-select')).toHaveValue('EPSG:4528');
  await expect.poll(async () => metres(await at(), [120.3845, 36.062])).toBeLessThan(1);
});
