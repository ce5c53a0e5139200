/**
 * Area questions and measuring on the map page: a polygon drawn with mouse clicks on the canvas, a district
 * picked from the list, a distance measured between two known points, and the answer downloaded as CSV.
 * The expected answers are computed here with turf from the published features file, independently of the
 * site's own query code.
 */
import { booleanIntersects, circle, distance, polygon as turfPolygon } from '@turf/turf';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, waitForMap, mapBox, loadFeatures, project, type Box } from './fixtures';
import type { PlanFeature } from '../../src/lib/plan/schema';

/** Around 五四广场 (May Fourth Square), where metro lines 2 and 3 and their stations are dense. */
const VIEW = { zoom: 13, lat: 36.07, lon: 120.38 };

/** Page pixels to WGS-84 for the view (the inverse of the fixtures' `project`, Web Mercator, 512-px tiles). */
function unproject(view: typeof VIEW, box: Box, x: number, y: number): [number, number] {
  const worldSize = 512 * 2 ** view.zoom;
  const cx = ((view.lon + 180) / 360) * worldSize;
  const phi = (view.lat * Math.PI) / 180;
  const cy = ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * worldSize;
  const mx = cx + (x - box.x - box.width / 2);
  const my = cy + (y - box.y - box.height / 2);
  const lon = (mx / worldSize) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * my) / worldSize))) * 180) / Math.PI;
  return [lon, lat];
}

/** The plan's features (context features outside Qingdao left out) that meet an area, by id. */
function expectedIds(features: PlanFeature[], area: GeoJSON.Polygon | GeoJSON.MultiPolygon): string[] {
  return features
    .filter((f) => f.geometry && !f.properties.outside_qingdao)
    .filter((f) =>
      booleanIntersects(f as GeoJSON.Feature, { type: 'Feature', properties: {}, geometry: area })
    )
    .map((f) => f.properties.id)
    .sort();
}

async function listedIds(page: Page): Promise<string[]> {
  return (
    await page
      .getByTestId('area-list')
      .locator(':scope > li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id ?? ''))
  ).sort();
}

async function openTool(page: Page) {
  await page.goto(`/#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lon}`);
  await waitForMap(page, 60_000);
  await page.getByTestId('area-button').click();
  await expect(page.getByTestId('area-tool')).toBeVisible();
}

test('a polygon drawn with clicks on the map lists the plan features inside or crossing it', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  await openTool(page);
  const box = await mapBox(page);
  const cx = box.x + box.width / 2 + 60;
  const cy = box.y + box.height / 2;
  // A pentagon some 2 km across, clear of the panels.
  const corners: [number, number][] = [
    [cx - 130, cy - 120],
    [cx + 140, cy - 140],
    [cx + 190, cy + 40],
    [cx + 20, cy + 150],
    [cx - 150, cy + 60]
  ];
  const ring = [...corners, corners[0]!].map(([x, y]) => unproject(VIEW, box, x, y));
  const area = turfPolygon([ring]).geometry;
  const expected = expectedIds(features, area);
  expect(expected.length).toBeGreaterThan(3);

  await expect(page.getByTestId('area-draw-polygon')).toBeEnabled();
  await page.getByTestId('area-draw-polygon').click();
  for (const [x, y] of corners) {
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
  }
  // Clicking the first corner again closes the polygon.
  await page.mouse.move(corners[0]![0], corners[0]![1]);
  await page.mouse.click(corners[0]![0], corners[0]![1]);

  await expect(page.getByTestId('area-count')).toHaveAttribute('data-count', String(expected.length));
  expect(await listedIds(page)).toEqual(expected);
  // Drawing selected nothing on the map.
  await expect(page.getByTestId('feature-panel')).toHaveCount(0);
  // With the tool closed, a click on a station selects it again.
  await page.getByTestId('area-tool').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('area-tool')).toHaveCount(0);
  const station = features.find(
    (f) => f.properties.kind === 'metro-station' && expected.includes(f.properties.id)
  )!;
  const [lon, lat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
  const at = project(VIEW, box, lon, lat);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('feature-panel')).toBeVisible();
});

test('picking a district lists its features, and the CSV download opens with a BOM and a row per feature', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const districts = (await (await request.get('/geo/districts.geojson')).json()) as GeoJSON.FeatureCollection;
  const shinan = districts.features.find((f) => f.properties?.adcode === '370202')!;
  const expected = expectedIds(features, shinan.geometry as GeoJSON.Polygon);
  expect(expected.length).toBeGreaterThan(5);

  await openTool(page);
  await page.getByTestId('area-district').selectOption('370202');
  await expect(page.getByTestId('area-count')).toHaveAttribute('data-count', String(expected.length));
  await expect(page.getByTestId('area-count')).toContainText('市南区');
  expect(await listedIds(page)).toEqual(expected);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('area-export-csv').click()
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^图层,id,名称,/);
  expect(lines).toHaveLength(1 + expected.length);
  const one = features.find((f) => f.properties.id === expected[0])!;
  expect(lines.some((line) => line.includes(`,${one.properties.id},${one.properties.name_zh},`))).toBe(true);
});

test('measuring the distance between two points shows it in km', async ({ page }) => {
  await openTool(page);
  await page.getByTestId('area-tab-measure').click();
  const box = await mapBox(page);
  // Two points 1.5 km apart along the parallel through the view's centre, and their distance by turf.
  const a: [number, number] = [120.375, 36.07];
  const b: [number, number] = [120.39167, 36.07];
  const km = distance(a, b, { units: 'kilometers' });
  const pa = project(VIEW, box, ...a);
  const pb = project(VIEW, box, ...b);
  await expect(page.getByTestId('measure-distance')).toBeEnabled();
  await page.getByTestId('measure-distance').click();
  await page.mouse.move(pa.x, pa.y);
  await page.mouse.click(pa.x, pa.y);
  await page.mouse.move(pb.x, pb.y);
  await page.mouse.click(pb.x, pb.y);
  // A second click on the last point ends the line.
  await page.mouse.click(pb.x, pb.y);
  const text = (await page.getByTestId('measure-length').textContent())!;
  const shown = Number(text.replace(/[^\d.]/g, ''));
  expect(text).toMatch(/ km$/);
  // A pixel at this zoom is about 11 m: within 2% of the true distance.
  expect(Math.abs(shown - km) / km).toBeLessThan(0.02);
  // Escape clears the measurement.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('measure-length')).toHaveCount(0);
});

test('a circle drawn with two clicks (centre, edge) lists the plan features that meet it', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  await openTool(page);
  const box = await mapBox(page);
  const centre = { x: box.x + box.width / 2 + 60, y: box.y + box.height / 2 };
  const edge = { x: centre.x + 150, y: centre.y };
  const c = unproject(VIEW, box, centre.x, centre.y);
  const km = distance(c, unproject(VIEW, box, edge.x, edge.y), { units: 'kilometers' });
  // The drawn ring is a polygon of many sides and a click is a pixel (about 20 m here): what lies well
  // inside must be listed, and nothing well outside.
  const inner = expectedIds(features, circle(c, km * 0.97, { units: 'kilometers', steps: 128 }).geometry);
  const outer = expectedIds(features, circle(c, km * 1.03, { units: 'kilometers', steps: 128 }).geometry);
  expect(inner.length).toBeGreaterThan(3);

  await expect(page.getByTestId('area-draw-circle')).toBeEnabled();
  await page.getByTestId('area-draw-circle').click();
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.click(centre.x, centre.y);
  await page.mouse.move(edge.x - 50, edge.y, { steps: 4 });
  await page.mouse.move(edge.x, edge.y, { steps: 4 });
  await page.mouse.click(edge.x, edge.y);

  await expect(page.getByTestId('area-count')).toBeVisible();
  await expect(page.getByTestId('area-count')).toContainText(/circle|圆/);
  // Its name gives the radius drawn, within a pixel or two.
  const radius = /半径 ([\d.,]+) (k?m)/.exec((await page.getByTestId('area-count').textContent())!);
  expect(radius).not.toBeNull();
  const shownKm = Number(radius![1]!.replace(/,/g, '')) / (radius![2] === 'm' ? 1000 : 1);
  expect(Math.abs(shownKm - km) / km).toBeLessThan(0.03);
  const listed = await listedIds(page);
  expect(listed).toEqual(expect.arrayContaining(inner));
  expect(outer).toEqual(expect.arrayContaining(listed));
  // Drawing selected nothing on the map.
  await expect(page.getByTestId('feature-panel')).toHaveCount(0);
});

test('a polygon of the user’s own layer, picked from the list, is the area asked about', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  // A survey area around 五四广场, as a planner's file would hold it.
  const ring: [number, number][] = [
    [120.37, 36.055],
    [120.4, 36.055],
    [120.4, 36.075],
    [120.37, 36.075],
    [120.37, 36.055]
  ];
  const file = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '一号地块' },
        geometry: { type: 'Point', coordinates: [120.3, 36.1] }
      },
      {
        type: 'Feature',
        properties: { name: '调查范围' },
        geometry: { type: 'Polygon', coordinates: [ring] }
      }
    ]
  };
  const expected = expectedIds(features, turfPolygon([ring]).geometry);
  expect(expected.length).toBeGreaterThan(3);

  await page.goto(`/#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lon}`);
  await waitForMap(page, 60_000);
  await page.getByTestId('import-input').setInputFiles({
    name: 'survey.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(file))
  });
  await expect(page.getByTestId('import-added')).toBeVisible();
  await page.getByTestId('area-button').click();
  const pick = page.getByTestId('area-user-feature');
  // Only the polygon is offered (a point has no area).
  await expect(pick.locator('option')).toHaveCount(2);
  await pick.selectOption({ index: 1 });
  await expect(page.getByTestId('area-count')).toHaveAttribute('data-count', String(expected.length));
  await expect(page.getByTestId('area-count')).toContainText('survey · 调查范围');
  expect(await listedIds(page)).toEqual(expected);
});
