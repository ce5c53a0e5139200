/**
 * Near me at phone size: the device position (mocked), a place picked in the search box, a right-click on
 * the map and a link each start it; the list is ranked by true distance, which the test recomputes with
 * turf for the stations, independently of the site's own code.
 */
import { distance } from '@turf/turf';
import type { Page } from '@playwright/test';
import { PRECISION_LABELS, STATUS_LABELS } from '../../src/lib/i18n/labels';
import { test, expect, waitForMap, mapBox, loadFeatures } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

const WUSI = { longitude: 120.3826, latitude: 36.0631 };

/** The rows listed, in order: feature id and the distance the page shows. */
async function rows(page: Page): Promise<{ id: string; km: number; text: string }[]> {
  return page
    .getByTestId('near-list')
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => ({
        id: (li as HTMLElement).dataset.id ?? '',
        km: Number((li as HTMLElement).dataset.distance),
        text: li.querySelector('[data-testid=near-distance]')?.textContent?.trim() ?? ''
      }))
    );
}

/** Nothing wider than the phone's screen. */
async function expectNoOverflow(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  const panel = await page.getByTestId('near-me').boundingBox();
  expect(panel).not.toBeNull();
  expect(panel!.x).toBeGreaterThanOrEqual(0);
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
  expect(panel!.y + panel!.height).toBeLessThanOrEqual(844);
}

test('a mocked position lists the nearest stations first, with their distances, and the radius on the map', async ({
  page,
  context,
  request,
  baseURL
}) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation(WUSI);
  const features = await loadFeatures(request);
  // Every station within 3 km, by turf's great-circle distance.
  const stations = features
    .filter((f) => f.properties.kind === 'metro-station')
    .map((f) => ({
      id: f.properties.id,
      km: distance([WUSI.longitude, WUSI.latitude], (f.geometry as GeoJSON.Point).coordinates, {
        units: 'kilometers'
      })
    }))
    .filter((s) => s.km <= 3)
    .sort((a, b) => a.km - b.km);
  expect(stations.length).toBeGreaterThan(5);

  await page.goto('/');
  await waitForMap(page);
  await page.getByTestId('near-button').click();
  await page.getByTestId('near-locate').click();
  await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
  await expect(page).toHaveURL(/near=120\.3826,36\.0631&r=3/);

  const listed = await rows(page);
  const listedStations = listed.filter((r) => r.id.startsWith('metro-station-'));
  expect(listedStations.map((r) => r.id)).toEqual(stations.map((s) => s.id));
  listedStations.forEach((row, i) => expect(Math.abs(row.km - stations[i]!.km)).toBeLessThan(0.005));
  // Nearest first, whatever the kind; the nearest station's distance is shown in metres.
  listed.slice(1).forEach((row, i) => expect(row.km).toBeGreaterThanOrEqual(listed[i]!.km));
  const nearest = listedStations[0]!;
  expect(nearest.text).toBe(`${Math.round(stations[0]!.km * 100) * 10} m`);
  // Kind, status and precision as the data give them, and where its targets stand.
  const props = features.find((f) => f.properties.id === nearest.id)!.properties;
  const row = page.getByTestId('near-me').locator(`li[data-id="${nearest.id}"]`);
  await expect(row).toContainText(
    new RegExp(`地铁车站 · ${STATUS_LABELS[props.status].zh} ·\\s*${PRECISION_LABELS[props.precision].zh}`)
  );
  await expect(row.getByTestId('near-targets')).toContainText(`${props.targets.length} 项目标`);
  await expect(page.getByTestId('near-me').locator(`li[data-id="${nearest.id}"] a`).first()).toHaveAttribute(
    'href',
    /\/articles\/41/
  );
  // Context features (outside Qingdao) are never listed.
  const outside = new Set(features.filter((f) => f.properties.outside_qingdao).map((f) => f.properties.id));
  expect(listed.some((r) => outside.has(r.id))).toBe(false);

  // The circle is a MapLibre layer beneath the labels, holding the 3 km ring.
  const drawn = await page.evaluate(() => {
    const map = window.qingdaoPlanMap!.map;
    const ids = map.getStyle().layers.map((l) => l.id);
    const source = map.getSource('near-me') as unknown as {
      serialize(): { data: GeoJSON.FeatureCollection };
    };
    return {
      ring: ids.indexOf('near-me-ring'),
      labels: ids.indexOf('district-label'),
      features: source.serialize().data.features.length
    };
  });
  expect(drawn.ring).toBeGreaterThan(-1);
  expect(drawn.ring).toBeLessThan(drawn.labels);
  expect(drawn.features).toBe(2);
  await expectNoOverflow(page);

  // Selecting a row selects the feature on the map.
  await page.getByTestId('near-me').locator(`li[data-id="${nearest.id}"] button`).click();
  await expect(page).toHaveURL(new RegExp(`sel=${nearest.id}`));
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  await page.getByTestId('feature-panel').getByRole('button', { name: '关闭' }).click();

  // A smaller radius lists fewer, all within it.
  await page.getByTestId('near-radius').fill('1');
  await expect(page).toHaveURL(/r=1(&|$)/);
  const within1 = await rows(page);
  expect(within1.length).toBeLessThan(listed.length);
  for (const row of within1) expect(row.km).toBeLessThanOrEqual(1);
});

test('a denied permission says so plainly; a place from the search box and a right-click still work', async ({
  page,
  context
}) => {
  await context.clearPermissions();
  await page.goto('/');
  await waitForMap(page);
  await page.getByTestId('near-button').click();
  await page.getByTestId('near-locate').click();
  await expect(page.getByTestId('near-problem')).toHaveAttribute('data-reason', 'denied');
  await expect(page.getByTestId('near-problem')).toContainText('未获得位置权限');
  await expect(page.getByTestId('near-list')).toHaveCount(0);

  // A place picked in the search box.
  await page.getByRole('search').getByRole('searchbox').fill('五四广场');
  await page.getByTestId('search-near').first().click();
  await expect(page).toHaveURL(/near=120\.\d+,36\.\d+/);
  await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('near-list').locator('li[data-id="metro-station-2-17"]')).toBeVisible();

  // A right-click on the map moves the origin there.
  await waitForMap(page);
  const box = await mapBox(page);
  const before = new URL(page.url()).hash;
  await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2, { button: 'right' });
  await expect.poll(() => new URL(page.url()).hash).not.toBe(before);
  expect(new URL(page.url()).hash).toMatch(/near=120\.\d+,36\.\d+/);
  await expectNoOverflow(page);
});

test('a near= link restores the list and the radius; a garbled one opens nothing', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const within2 = features.filter(
    (f) =>
      f.properties.kind === 'metro-station' &&
      distance([WUSI.longitude, WUSI.latitude], (f.geometry as GeoJSON.Point).coordinates, {
        units: 'kilometers'
      }) <= 2
  );
  await page.goto('/#near=120.3826,36.0631&r=2');
  await expect(page.getByTestId('near-radius')).toHaveValue('2');
  await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
  const listed = await rows(page);
  expect(listed.filter((r) => r.id.startsWith('metro-station-')).length).toBe(within2.length);
  for (const row of listed) expect(row.km).toBeLessThanOrEqual(2);
  await waitForMap(page);
  await expectNoOverflow(page);

  await page.goto('/#near=abc,36&r=2');
  await waitForMap(page);
  await expect(page.getByTestId('near-me')).toHaveCount(0);
  await expect(page.getByTestId('near-button')).toBeVisible();
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true });

  test('a long press on the map starts near-me there; a drag does not', async ({ page }) => {
    await page.goto('/#map=13/36.07/120.38');
    await waitForMap(page);
    const box = await mapBox(page);
    const client = await page.context().newCDPSession(page);
    const at = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
      client.send('Input.dispatchTouchEvent', { type, touchPoints: points });

    // A drag of a finger moves the map and starts nothing.
    await touch('touchStart', [at]);
    for (let i = 1; i <= 5; i++) await touch('touchMove', [{ x: at.x + i * 12, y: at.y }]);
    await page.waitForTimeout(800);
    await touch('touchEnd', []);
    await expect(page.getByTestId('near-me')).toHaveCount(0);

    // A finger held still for a moment starts near-me at the point pressed.
    await waitForMap(page);
    await touch('touchStart', [at]);
    await page.waitForTimeout(900);
    await touch('touchEnd', []);
    await expect(page.getByTestId('near-list').locator('li').first()).toBeVisible();
    expect(new URL(page.url()).hash).toMatch(/near=120\.\d+,36\.\d+&r=3/);
  });
});
