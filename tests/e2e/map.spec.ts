import type { MetroBuilding } from '../../src/lib/plan/metro-building';
import { BASEMAP_COLOURS } from '../../src/lib/map/basemap-style';
import { hexToRgba } from '../../src/lib/map/colour';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  nearestColourDistance,
  countColourPixels,
  loadFeatures,
  quietPointOnLine
} from './fixtures';

test('the basemap draws land and sea where they are, offline', async ({ page }) => {
  const view = { zoom: 9, lat: 36.2, lon: 120.2 };
  // Every plan layer hidden (`layers=` empty): only the basemap is on screen.
  await page.goto(`/#map=${view.zoom}/${view.lat}/${view.lon}&layers=`);
  await waitForMap(page);
  const size = await mapBox(page);
  const png = await screenshotPixels(page);
  const sea = hexToRgba(BASEMAP_COLOURS.sea);
  const landColours = [BASEMAP_COLOURS.land, ...BASEMAP_COLOURS.tints].map((c) => hexToRgba(c));
  // Open sea south-east of Laoshan, and inland Jiaozhou between districts' labels.
  const seaPoint = project(view, size, 120.75, 35.95);
  const inlandPoint = project(view, size, 119.95, 36.45);
  const bayPoint = project(view, size, 120.25, 36.13);
  expect(nearestColourDistance(png, seaPoint.x, seaPoint.y, sea, 2)).toBeLessThan(20);
  expect(nearestColourDistance(png, bayPoint.x, bayPoint.y, sea, 2)).toBeLessThan(20);
  expect(nearestColourDistance(png, inlandPoint.x, inlandPoint.y, sea, 0)).toBeGreaterThan(20);
  const landDistance = Math.min(
    ...landColours.map((c) => nearestColourDistance(png, inlandPoint.x, inlandPoint.y, c, 2))
  );
  expect(landDistance).toBeLessThan(12);
});

test('every operating metro line is drawn in its own colour where its stations are', async ({
  page,
  request
}) => {
  const lines = (await loadFeatures(request)).filter(
    (f) => f.properties.kind === 'metro-line' && f.properties.status === 'operating'
  );
  expect(lines.length).toBe(8);
  for (const line of lines) {
    const [lon, lat] = quietPointOnLine(line);
    const view = { zoom: 14, lat, lon };
    await page.goto(`/#map=${view.zoom}/${lat}/${lon}`);
    await waitForMap(page);
    const size = await mapBox(page);
    const centre = project(view, size, lon, lat);
    const png = await screenshotPixels(page);
    const colour = hexToRgba(line.properties.color!);
    expect(
      nearestColourDistance(png, centre.x, centre.y, colour, 3),
      `${line.properties.name_zh} drawn at its midpoint`
    ).toBeLessThan(30);
  }
});

test('hovering a line highlights it, clicking shows article 41 and its 352 km target', async ({
  page,
  request
}) => {
  const line = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-line-3')!;
  const [lon, lat] = quietPointOnLine(line);
  const view = { zoom: 14, lat, lon };
  await page.goto(`/#map=${view.zoom}/${lat}/${lon}`);
  await waitForMap(page);
  const point = project(view, await mapBox(page), lon, lat);

  const colour = hexToRgba(line.properties.color!);
  const before = countColourPixels(await screenshotPixels(page), point.x, point.y, colour, 12);
  await page.mouse.move(point.x, point.y);
  await expect(page.getByRole('tooltip')).toContainText(line.properties.name_zh);
  // Hovering draws the line wider: more of its colour around the pointer.
  await page.mouse.move(point.x + 40, point.y + 40);
  await page.mouse.move(point.x, point.y);
  await expect(page.getByRole('tooltip')).toBeVisible();
  const after = countColourPixels(await screenshotPixels(page), point.x, point.y, colour, 12);
  expect(after).toBeGreaterThan(before * 1.3);

  await page.mouse.click(point.x, point.y);
  const panel = page.getByTestId('feature-panel');
  await expect(panel).toBeVisible();
  await expect(panel.locator('h2')).toHaveText(line.properties.name_zh);
  await expect(panel).toContainText('第41条');
  await expect(panel.locator('mark.emphasised')).toContainText('352');
  await expect(panel.locator('li.served')).toContainText('352');
  // Beside the target: the operating length the map holds, summed from the data, never a made-up figure.
  const operating = (await loadFeatures(request)).filter(
    (f) => f.properties.kind === 'metro-line' && f.properties.status === 'operating'
  );
  const stationsKm = operating.reduce((sum, f) => sum + (f.properties.length_stations_km ?? 0), 0);
  const progress = panel.getByTestId('target-progress');
  await expect(progress).toContainText(String(operating.length));
  await expect(progress).toContainText(`${stationsKm.toFixed(1)} km`);
  // And where the target stands by its latest like-for-like published figure, with the dataset's date.
  await expect(panel.locator('li.served').getByTestId('target-standing')).toContainText('348 公里');
  await expect(panel.getByTestId('data-as-of')).toContainText('数据截至');
  await expect(panel).toContainText('OpenStreetMap');
  expect(page.url()).toContain('sel=metro-line-3');
});

test('a copied link restores the view and the selection', async ({ page, context, request }) => {
  const station = (await loadFeatures(request)).find((f) => f.properties.kind === 'metro-station')!;
  const [lon, lat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
  const view = { zoom: 15, lat, lon };
  await page.goto(`/#map=${view.zoom}/${lat}/${lon}`);
  await waitForMap(page);
  const point = project(view, await mapBox(page), lon, lat);
  await page.mouse.click(point.x, point.y);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(station.properties.name_zh);
  // Pan a little so the view in the link differs from the one we started with.
  await page.mouse.move(200, 300);
  await page.mouse.down();
  await page.mouse.move(260, 340, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/map=15\//);
  await expect.poll(() => page.url()).not.toContain(`map=15/${lat}/${lon}`);
  const link = page.url();

  const other = await context.newPage();
  await other.goto(link);
  await waitForMap(other);
  await expect(other.getByTestId('feature-panel').locator('h2')).toHaveText(station.properties.name_zh);
  const mapParam = (url: string) => new URL(url).hash.match(/map=([^&]+)/)?.[1];
  expect(mapParam(other.url())).toBe(mapParam(link));
});

test('a link to a feature that does not exist says so and keeps the map usable', async ({ page }) => {
  await page.goto('/#map=11/36.1/120.4&sel=no-such-feature');
  await waitForMap(page);
  await expect(page.getByRole('alert')).toContainText('no-such-feature');
  await expect(page.getByTestId('feature-panel')).toHaveCount(0);
  expect(page.url()).not.toContain('sel=');
});

/** The view MapLibre writes into the address bar, once the map has settled. */
function viewInUrl(url: string): { zoom: number; lat: number; lon: number } {
  const match = new URL(url).hash.match(/map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/);
  if (!match) throw new Error(`no map view in ${url}`);
  return { zoom: Number(match[1]), lat: Number(match[2]), lon: Number(match[3]) };
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the feature sheet sits below the map, which still draws the selected line', async ({
    page,
    request
  }) => {
    const line = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-line-3')!;
    await page.goto('/#sel=metro-line-3');
    const panel = page.getByTestId('feature-panel');
    await expect(panel.locator('h2')).toHaveText(line.properties.name_zh);
    await expect(page).toHaveURL(/map=/);
    await waitForMap(page);
    const map = await mapBox(page);
    const sheet = (await panel.boundingBox())!;
    expect(sheet.y, 'the sheet starts where the map ends').toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(map.height, 'the map keeps over half of the screen').toBeGreaterThan(844 * 0.45);

    const view = viewInUrl(page.url());
    const [lon, lat] = quietPointOnLine(line);
    const point = project(view, map, lon, lat);
    expect(point.y).toBeLessThan(map.y + map.height);
    const png = await screenshotPixels(page);
    expect(nearestColourDistance(png, point.x, point.y, hexToRgba(line.properties.color!), 4)).toBeLessThan(
      30
    );
  });

  test('a station tapped near the bottom of the map stays in view when the sheet opens', async ({
    page,
    request
  }) => {
    const station = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-station-3-10')!;
    const [lon, lat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
    await page.goto(`/#map=15/${lat}/${lon}`);
    await waitForMap(page);
    const before = await mapBox(page);
    // Put the station 30 % of the map's height below the centre: where the sheet will cover it.
    const degreesPerPixel = (360 / (512 * 2 ** 15)) * Math.cos((lat * Math.PI) / 180);
    const centreLat = lat + before.height * 0.3 * degreesPerPixel;
    // A fresh page: changing only the hash of the open map races the camera MapLibre writes into the
    // address bar after the last move (throttled), which could put the old view back first.
    await page.goto('about:blank');
    await page.goto(`/#map=15/${centreLat}/${lon}`);
    await waitForMap(page);
    const tap = project({ zoom: 15, lat: centreLat, lon }, before, lon, lat);
    expect(tap.y).toBeGreaterThan(before.y + before.height * 0.75);
    await page.mouse.click(tap.x, tap.y);
    await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(station.properties.name_zh);
    await expect.poll(() => viewInUrl(page.url()).lat).not.toBeCloseTo(centreLat, 5);
    await waitForMap(page);
    const after = await mapBox(page);
    const seen = project(viewInUrl(page.url()), after, lon, lat);
    expect(seen.y).toBeGreaterThan(after.y);
    expect(seen.y).toBeLessThan(after.y + after.height);
  });
});

test('the metro panel lists every line under construction, and a drawn one opens on the map', async ({
  page,
  request
}) => {
  const response = await request.get('/data/metro-building.json');
  expect(response.ok()).toBe(true);
  const { lines } = (await response.json()) as MetroBuilding;
  const drawn = lines.find((l) => l.feature_id !== null)!;
  const undrawn = lines.find((l) => l.feature_id === null)!;

  await page.goto('/#sel=metro-line-3');
  const list = page.getByTestId('building-lines');
  await expect(list.locator('li')).toHaveCount(lines.length);
  const undrawnItem = list.locator(`li[data-line="${undrawn.id}"]`);
  await expect(undrawnItem).toContainText(undrawn.name_zh);
  await expect(undrawnItem).toContainText('未绘出');
  await expect(undrawnItem.getByRole('button')).toHaveCount(0);

  await list.locator(`li[data-line="${drawn.id}"]`).getByRole('button').click();
  const panel = page.getByTestId('feature-panel');
  await expect(panel.locator('h2')).toHaveText(drawn.name_zh);
  await expect(panel).toContainText('在建');
  await expect(panel.locator('[data-precision]')).toHaveAttribute('data-precision', 'indicative');
  await expect(page).toHaveURL(new RegExp(`sel=${drawn.feature_id}`));
});
