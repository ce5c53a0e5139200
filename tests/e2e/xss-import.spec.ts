/**
 * Untrusted strings in the user's own files render as text, everywhere they reach: file names, layer names
 * and feature properties from GeoJSON, CSV, KML and a zipped Shapefile (with a .prj naming its system) in
 * the import results, the skipped-feature examples, the layer list, the style's property choice and the
 * legend of categories built from a property, the removal notice, a rename kept across a reload, and the
 * map's hover (which names plan features only, never a user's). Script-bearing payloads (xss-corpus.ts)
 * fire nothing: the flag each would set stays unset, no dialog opens, none of their elements appears, and
 * the shared fixture fails the test on any Content-Security-Policy violation.
 */
import type { Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { test, expect, waitForMap, dropFiles as drop, type DroppedFile } from './fixtures';
import { JAVASCRIPT_URL, PAYLOADS, expectNothingFired, watchDialogs } from './xss-corpus';

type NamedFile = DroppedFile;

const text = (name: string, body: string): NamedFile => ({
  name,
  data: Buffer.from(body, 'utf8').toString('base64')
});
const binary = (name: string, bytes: Uint8Array): NamedFile => ({
  name,
  data: Buffer.from(bytes).toString('base64')
});

/** Points in Qingdao's Shinan district, one per payload, away from the plan's metro stations. */
const spot = (i: number): [number, number] => [120.42 + i * 0.004, 36.06];

/** Each payload as a feature's name, as a property's name and as another property's value. */
function geojson(name: string): NamedFile {
  const features: unknown[] = PAYLOADS.map((payload, i) => ({
    type: 'Feature',
    properties: {
      name: payload,
      [payload]: i,
      html: PAYLOADS[(i + 1) % PAYLOADS.length],
      link: JAVASCRIPT_URL,
      url: `javascript:alert(${i})`
    },
    geometry: { type: 'Point', coordinates: spot(i) }
  }));
  // A coordinate that is markup: the feature is skipped, and the example quotes the value.
  features.push({
    type: 'Feature',
    properties: { name: 'bad' },
    geometry: { type: 'Point', coordinates: [PAYLOADS[0], 36.06] }
  });
  return text(name, JSON.stringify({ type: 'FeatureCollection', features }));
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** A table whose extra column is named with a payload; one row's longitude is markup (skipped). */
function csv(name: string): NamedFile {
  const rows = PAYLOADS.map((payload, i) => [csvField(payload), ...spot(i), csvField(JAVASCRIPT_URL)]);
  rows.push([csvField('bad'), csvField(PAYLOADS[2]), 36.06, '']);
  const header = ['name', 'lon', 'lat', csvField(PAYLOADS[3])];
  return text(name, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
}

const xml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Placemarks named with payloads, with markup descriptions (CDATA) and payload-named extended data. */
function kml(name: string): NamedFile {
  const placemarks = PAYLOADS.map(
    (payload, i) => `<Placemark><name>${xml(payload)}</name>
<description><![CDATA[${PAYLOADS[(i + 2) % PAYLOADS.length]}]]></description>
<ExtendedData><Data name="${xml(payload)}"><value>${xml(JAVASCRIPT_URL)}</value></Data></ExtendedData>
<Point><coordinates>${spot(i).join(',')}</coordinates></Point></Placemark>`
  );
  return text(
    name,
    `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xml(PAYLOADS[4])}</name>
${placemarks.join('\n')}
</Document></kml>`
  );
}

/** A point Shapefile's .shp (type 1) for `points` in the file's own units. */
function shpPoints(points: readonly [number, number][]): Uint8Array {
  const bytes = new Uint8Array(100 + points.length * 28);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 9994, false);
  view.setInt32(24, bytes.length / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 1, true);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
    view.setFloat64(36 + i * 8, v, true)
  );
  points.forEach(([x, y], i) => {
    const at = 100 + i * 28;
    view.setInt32(at, i + 1, false);
    view.setInt32(at + 4, 10, false);
    view.setInt32(at + 8, 1, true);
    view.setFloat64(at + 12, x, true);
    view.setFloat64(at + 20, y, true);
  });
  return bytes;
}

/** A dBase table of character fields (UTF-8). */
function dbf(fields: readonly [string, number][], records: readonly string[][]): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, [, l]) => n + l, 0);
  const bytes = new Uint8Array(headerLength + records.length * recordLength + 1).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  bytes.fill(0, 0, headerLength);
  bytes.set([3, 124, 1, 1]);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach(([name, length], i) => {
    const at = 32 + i * 32;
    bytes.set(Buffer.from(name, 'ascii'), at);
    bytes[at + 11] = 0x43; // C: characters
    bytes[at + 16] = length;
  });
  bytes[headerLength - 1] = 0x0d;
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength + 1;
    fields.forEach(([, length], i) => {
      bytes.set(Buffer.from(record[i]!, 'utf8').subarray(0, length), at);
      at += length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** The .prj's system is named with markup; it is shown as the layer's coordinate system. */
const MARKUP_PRJ =
  'PROJCS["<img src=x onerror=window.__xss=1>",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",' +
  'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Points in Gauss–Krüger metres (central meridian 120°E) near Qingdao's centre. */
const GK_POINTS: [number, number][] = PAYLOADS.map((_, i) => [538_000 + i * 300, 3_991_000]);

function shapefile(name: string): NamedFile {
  const base = 'points';
  return binary(
    name,
    zipSync({
      [`${base}.shp`]: shpPoints(GK_POINTS),
      [`${base}.dbf`]: dbf(
        [
          ['NAME', 120],
          ['LINK', 40]
        ],
        PAYLOADS.map((p) => [p, JAVASCRIPT_URL])
      ),
      [`${base}.prj`]: Buffer.from(MARKUP_PRJ),
      [`${base}.cpg`]: Buffer.from('UTF-8')
    })
  );
}

/** A file name as the browser keeps it (a File's name), and the layer name the importer takes from it. */
async function namesInPage(page: Page, name: string): Promise<{ file: string; layer: string }> {
  const file = await page.evaluate((n) => new File([], n).name, name);
  const leaf = file.split(/[\\/]/).pop()!;
  return { file, layer: leaf.slice(0, leaf.lastIndexOf('.')) };
}

test('payloads in file names, layer names and properties of GeoJSON, CSV, KML and Shapefile imports show as text and fire nothing', async ({
  page
}) => {
  test.setTimeout(180_000);
  const dialogs = await watchDialogs(page);
  await page.goto('/?lang=en#map=13/36.065/120.435');
  await waitForMap(page, 60_000);

  const files = [
    geojson(`${PAYLOADS[0]}.geojson`),
    csv(`${PAYLOADS[2]}.csv`),
    kml(`${PAYLOADS[5]}.kml`),
    shapefile(`${PAYLOADS[7]}.zip`)
  ];
  await drop(page, files);
  const results = page.getByTestId('import-file');
  await expect(results).toHaveCount(files.length, { timeout: 60_000 });
  const names = await Promise.all(files.map((f) => namesInPage(page, f.name)));

  for (const [i, { file }] of names.entries()) {
    const result = results.nth(i);
    // Each file imported, named literally, with its features counted.
    await expect(result.locator('.file')).toHaveText(file);
    await expect(result.getByTestId('import-added')).toContainText(`${PAYLOADS.length} features`);
  }
  // The skipped feature's example quotes the markup it found, as text.
  await expect(results.nth(0).getByTestId('import-skipped')).toContainText(`“${PAYLOADS[0]}”`);
  await expect(results.nth(1).getByTestId('import-skipped')).toContainText(`“${PAYLOADS[2]}”`);
  await expectNothingFired(page, dialogs);

  // The layer list, top first: each layer named literally from its file, with its source file.
  const layers = page.getByTestId('user-layer');
  await expect(layers).toHaveCount(files.length);
  for (const [i, { file, layer }] of [...names].reverse().entries()) {
    const item = layers.nth(i);
    await expect(item.getByTestId('user-layer-name')).toHaveValue(layer);
    await expect(item.getByTestId('user-layer-count')).toHaveText(`${layer}: ${PAYLOADS.length} features`);
    await expect(item.locator('.meta').first()).toContainText(file);
  }
  // The Shapefile's .prj names its system with markup: shown as text in the layer's system line.
  const shp = layers.nth(0);
  await expect(shp.getByTestId('user-layer-crs')).toContainText('.prj: <img src=x onerror=window.__xss=1>');

  // Colour the GeoJSON layer by categories of a property whose values are the payloads: its legend and the
  // property choice list them literally.
  const gj = layers.nth(files.length - 1);
  await gj.getByTestId('user-layer-style').selectOption('categories');
  const options = await gj.getByTestId('user-layer-property').locator('option').allTextContents();
  expect(options).toEqual(expect.arrayContaining([...PAYLOADS]));
  await gj.getByTestId('user-layer-property').selectOption('name');
  await gj.locator('input[type=number]').fill(String(PAYLOADS.length));
  await gj.locator('input[type=number]').dispatchEvent('change');
  const legend = gj.getByTestId('user-layer-legend').locator('.label');
  await expect(legend).toHaveCount(PAYLOADS.length);
  expect((await legend.allTextContents()).sort()).toEqual([...PAYLOADS].sort());
  // The KML's extended data names a property with each payload.
  const kmlLayer = layers.nth(1);
  await kmlLayer.getByTestId('user-layer-style').selectOption('categories');
  const kmlOptions = await kmlLayer.getByTestId('user-layer-property').locator('option').allTextContents();
  expect(kmlOptions).toEqual(expect.arrayContaining([...PAYLOADS]));
  await expectNothingFired(page, dialogs);

  // Hovering the user's points shows no tooltip of theirs (the map names plan features only).
  for (let i = 0; i < 3; i++) {
    const at = await page.evaluate((lonlat) => window.qingdaoPlanMap!.map.project(lonlat), spot(i));
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForTimeout(150);
    for (const tip of await page.getByRole('tooltip').allTextContents())
      expect(PAYLOADS.some((p) => tip.includes(p))).toBe(false);
  }
  await expectNothingFired(page, dialogs);
});

test('a rename to a payload shows as text, is kept across a reload, and its removal notice names it literally', async ({
  page
}) => {
  test.setTimeout(120_000);
  const dialogs = await watchDialogs(page);
  await page.goto('/?lang=en#map=13/36.065/120.435');
  await waitForMap(page, 60_000);
  await drop(page, [geojson('points.geojson')]);
  const layer = page.getByTestId('user-layer');
  await expect(layer).toHaveCount(1, { timeout: 60_000 });

  for (const payload of PAYLOADS) {
    await layer.getByTestId('user-layer-name').fill(payload);
    await layer.getByTestId('user-layer-name').press('Enter');
    await expect(layer.getByTestId('user-layer-count')).toHaveText(`${payload}: ${PAYLOADS.length} features`);
    await expect(layer.getByTestId('user-layer-remove')).toHaveAttribute(
      'title',
      new RegExp(`${escape(payload)}$`)
    );
  }
  await expectNothingFired(page, dialogs);

  await page.reload();
  await waitForMap(page, 60_000);
  const again = page.getByTestId('user-layer');
  await expect(again.getByTestId('user-layer-name')).toHaveValue(PAYLOADS[PAYLOADS.length - 1]!);
  await again.getByTestId('user-layer-remove').click();
  const notice = page.locator('[data-testid=user-notice][data-kind=removed]');
  await expect(notice).toContainText(PAYLOADS[PAYLOADS.length - 1]!);
  await expectNothingFired(page, dialogs);
});

/** A string as a regular expression that matches it literally. */
function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
