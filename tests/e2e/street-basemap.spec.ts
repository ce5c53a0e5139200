/**
 * The optional street basemaps against a tile server on localhost (tile-server.ts): drawn beneath the
 * plan when the provider answers, credited, remembered; given up with a notice when it answers 500,
 * sends bytes that are no image, or never answers. The site's tile base override points it there.
 */
import type { Page } from '@playwright/test';
import { TIANDITU_APPROVAL_NUMBER } from '../../src/lib/map/basemaps';
import { STORAGE_KEYS } from '../../src/lib/state/basemap-prefs';
import { hexToRgba } from '../../src/lib/map/colour';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  pixel,
  colourDistance,
  nearestColourDistance,
  loadFeatures,
  quietPointOnLine
} from './fixtures';
import { TILE_BACKGROUND, startTileServer, type TileMode, type TileServer } from './tile-server';

// Beside the site's port unless told otherwise, so parallel runs on other ports do not collide.
const TILE_PORT = Number(process.env.E2E_TILE_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 10);
/** Where the site reaches it: through its own origin (see vite.config.ts), as its policy requires. */
const TILE_BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/__test-tiles`;
const KEY = '0123456789abcdef0123456789abcdef';
/** Central Qingdao, every plan layer hidden: what is on screen is basemap only. */
const BARE = '#map=12/36.09/120.39&layers=';

let server: TileServer;
test.beforeAll(async () => {
  server = await startTileServer(TILE_PORT, TILE_BASE);
});
test.afterAll(async () => {
  await server.close();
});
test.beforeEach(() => {
  server.requests.length = 0;
});

/** Every page load in this test takes its street tiles from the local server, behaving as `mode`. */
async function tilesFrom(page: Page, mode: TileMode) {
  await page.addInitScript(
    ([key, base]) => localStorage.setItem(key!, base!),
    [STORAGE_KEYS.tileBase, server.base(mode)]
  );
}

/** Share of the map's pixels (on a grid) that are the test tiles' background colour. */
async function streetShare(page: Page): Promise<number> {
  const png = await screenshotPixels(page);
  const box = await mapBox(page);
  let hits = 0;
  let total = 0;
  for (let y = box.y + 10; y < box.y + box.height - 10; y += 6) {
    for (let x = box.x + 10; x < box.x + box.width - 10; x += 6) {
      total++;
      if (colourDistance(pixel(png, x, y), TILE_BACKGROUND) < 10) hits++;
    }
  }
  return hits / total;
}

const basemapRadio = (page: Page, name: string) =>
  page.getByTestId('basemap-choice').getByRole('radio', { name });

test('Tianditu with a typed key: streets drawn, credited with the approval number, remembered after a reload', async ({
  page
}) => {
  await tilesFrom(page, 'ok');
  await page.goto(`/${BARE}`);
  await waitForMap(page);
  const map = page.getByTestId('map');
  expect(await streetShare(page)).toBeLessThan(0.02);

  // Without a key Tianditu cannot be drawn: the panel asks for one and the map stays as it is.
  await basemapRadio(page, '天地图').check();
  await expect(page.getByTestId('basemap-choice')).toContainText('使用天地图需要密钥');
  await expect(map).toHaveAttribute('data-basemap', 'embedded');
  await page.getByLabel('天地图密钥').fill('not-a-key');
  await page.getByRole('button', { name: '保存密钥' }).click();
  await expect(page.getByTestId('basemap-choice')).toContainText('密钥应为 32 位');
  await expect(map).toHaveAttribute('data-basemap', 'embedded');

  await page.getByLabel('天地图密钥').fill(KEY);
  await page.getByRole('button', { name: '保存密钥' }).click();
  await expect(map).toHaveAttribute('data-basemap', 'tianditu');
  await expect.poll(() => streetShare(page)).toBeGreaterThan(0.3);
  // The streets and their labels, from the Web Mercator services, with the key.
  const vec = server.requests.find((r) => r.startsWith('/ok/vec_w/wmts?'));
  expect(vec).toBeDefined();
  expect(new URLSearchParams(vec!.split('?')[1]).get('tk')).toBe(KEY);
  expect(new URLSearchParams(vec!.split('?')[1]).get('TILEMATRIXSET')).toBe('w');
  expect(server.requests.some((r) => r.startsWith('/ok/cva_w/wmts?'))).toBe(true);
  const attribution = page.locator('.maplibregl-ctrl-attrib-inner');
  await expect(attribution).toBeVisible();
  await expect(attribution).toContainText(`审图号 ${TIANDITU_APPROVAL_NUMBER}`);
  await expect(attribution.locator('a[href="https://www.tianditu.gov.cn/"]')).toBeVisible();

  await page.reload();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-basemap', 'tianditu');
  await expect(basemapRadio(page, '天地图')).toBeChecked();
  await expect(page.getByLabel('天地图密钥')).toHaveValue(KEY);
  await expect.poll(() => streetShare(page)).toBeGreaterThan(0.3);

  // Back to the embedded basemap: the streets and their credit go.
  await basemapRadio(page, '内置底图').check();
  await expect(map).toHaveAttribute('data-basemap', 'embedded');
  await expect(attribution).not.toContainText(TIANDITU_APPROVAL_NUMBER);
  await expect.poll(() => streetShare(page)).toBeLessThan(0.02);
  await page.reload();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-basemap', 'embedded');
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 }
]) {
  test(`OpenStreetMap at ${viewport.width}×${viewport.height}: streets beneath the plan's layers, credited`, async ({
    page,
    request
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await tilesFrom(page, 'ok');
    const line = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-line-3')!;
    const [lon, lat] = quietPointOnLine(line);
    const view = { zoom: 13, lat, lon };
    await page.goto(`/#map=${view.zoom}/${lat}/${lon}`);
    await waitForMap(page);
    const panel = page.getByTestId('layers-panel');
    // Folded on phones.
    if (viewport.width <= 640) await panel.getByRole('button', { name: '图层' }).click();
    await basemapRadio(page, 'OpenStreetMap').check();
    if (viewport.width <= 640) await panel.getByRole('button', { name: '图层' }).click();
    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-basemap', 'osm');
    // The tiles' own colour shows through wherever the plan draws nothing: none of it without street tiles
    // (see above), and on a phone at zoom 13 the plan's areas and uncertainty corridors cover much of the rest.
    await expect.poll(() => streetShare(page)).toBeGreaterThan(0.1);
    expect(server.requests.some((r) => /^\/ok\/\d+\/\d+\/\d+\.png$/.test(r))).toBe(true);
    await expect(map).toHaveAttribute('data-idle', 'true');

    // The plan's line is drawn over the streets, where it is.
    const at = project(view, await mapBox(page), lon, lat);
    const png = await screenshotPixels(page);
    expect(nearestColourDistance(png, at.x, at.y, hexToRgba(line.properties.color!), 3)).toBeLessThan(30);

    // On a phone the credits start folded behind their button.
    if (viewport.width <= 640) await page.locator('.maplibregl-ctrl-attrib summary').click();
    const attribution = page.locator('.maplibregl-ctrl-attrib-inner');
    await expect(attribution).toBeVisible();
    await expect(attribution).toContainText('Streets 街道图: © OpenStreetMap contributors');
    await expect(
      attribution.locator('a[href="https://www.openstreetmap.org/copyright"]', { hasText: 'OpenStreetMap' })
    ).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath(`streets-${viewport.width}x${viewport.height}.png`) });
  });
}

const failures: { mode: TileMode; provider: 'osm' | 'tianditu'; lang: 'zh' | 'en'; says: RegExp }[] = [
  {
    mode: 'error',
    provider: 'osm',
    lang: 'zh',
    says: /OpenStreetMap街道底图无法加载（服务器返回 HTTP 500）/
  },
  {
    mode: 'garbage',
    provider: 'tianditu',
    lang: 'en',
    says: /The Tianditu street basemap could not be loaded \(what came back is not an image\)/
  },
  { mode: 'hang', provider: 'osm', lang: 'en', says: /OpenStreetMap .*\(no tile arrived within 8 s\)/ }
];

for (const { mode, provider, lang, says } of failures) {
  test.describe(() => {
    // The server's 500s are what this test is about, not a problem of the site.
    test.use({ expectedProblems: [new RegExp(`/__test-tiles/${mode}/`)] });

    test(`a provider that ${mode === 'error' ? 'answers 500' : mode === 'garbage' ? 'sends no image' : 'never answers'} falls back to the embedded basemap with a notice`, async ({
      page
    }) => {
      await tilesFrom(page, mode);
      // The choice and key as a previous visit left them: the failure shows on the first load.
      await page.addInitScript(
        ([basemapKey, keyKey, basemap, key]) => {
          localStorage.setItem(basemapKey!, basemap!);
          localStorage.setItem(keyKey!, key!);
        },
        [STORAGE_KEYS.basemap, STORAGE_KEYS.tiandituKey, provider, KEY]
      );
      await page.goto(`/${lang === 'en' ? '?lang=en' : ''}${BARE}`);
      const notice = page.getByTestId('basemap-notice');
      await expect(notice).toHaveText(says, { timeout: 20_000 });
      const map = page.getByTestId('map');
      await expect(map).toHaveAttribute('data-basemap', 'embedded');
      await waitForMap(page);
      expect(await streetShare(page)).toBeLessThan(0.02);
      await expect(basemapRadio(page, lang === 'en' ? 'Embedded' : '内置底图')).toBeChecked();
      expect(server.requests.some((r) => r.startsWith(`/${mode}/`))).toBe(true);
      // Nothing broken is remembered.
      expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEYS.basemap)).toBeNull();

      await notice.getByRole('button').click();
      await expect(notice).toBeHidden();
    });
  });
}
