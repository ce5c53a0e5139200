import type { APIRequestContext, Locator } from '@playwright/test';
import { PNG } from 'pngjs';
import type { Plan, PlanFeature } from '../../src/lib/plan/schema';
import type { MetroBuilding } from '../../src/lib/plan/metro-building';
import type { UnmappedPlaces } from '../../src/lib/plan/unmapped';
import { hexToRgba } from '../../src/lib/map/colour';
import {
  test,
  expect,
  waitForMap,
  colourDistance,
  nearestColourDistance,
  project,
  loadFeatures
} from './fixtures';

async function loadPlan(request: APIRequestContext): Promise<Plan> {
  const response = await request.get('/data/plan.json');
  expect(response.ok()).toBe(true);
  return (await response.json()) as Plan;
}

/** The mini map, once MapLibre has drawn the article's features on it. */
async function readyMiniMap(locator: Locator): Promise<PNG> {
  await expect(locator).toHaveAttribute('data-ready', 'true');
  return PNG.sync.read(await locator.screenshot());
}

/** Pixels of `png` within `tolerance` of `colour`, with their positions. */
function pixelsNear(png: PNG, colour: readonly number[], tolerance: number): { x: number; y: number }[] {
  const hits: { x: number; y: number }[] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const rgb = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (colourDistance(rgb, colour) < tolerance) hits.push({ x, y });
    }
  }
  return hits;
}

test('the chapter index lists all 120 articles under their 12 chapters', async ({ page, request }) => {
  const plan = await loadPlan(request);
  await page.goto('/articles');
  await expect(page.locator('section.chapter')).toHaveCount(plan.chapters.length);
  const entries = page.getByTestId('article-entry');
  await expect(entries).toHaveCount(plan.articles.length);
  expect(plan.articles.length).toBe(120);
  await expect(page.locator('#chapter-1 h2')).toContainText('第一章');
  await expect(page.locator('#chapter-12 h2')).toContainText('第十二章');

  // Article 41: its titles, its English summary and its one target.
  const entry = page.locator('[data-testid=article-entry][data-article="41"]');
  await expect(entry).toContainText('第41条');
  await expect(entry).toContainText('加快轨道交通和市政路网建设');
  await expect(entry).toContainText('Speed up rail transit and city road building');
  await expect(entry).toContainText('352 km');
  const count = plan.targets.filter((t) => t.article === 41).length;
  await expect(entry.locator('.count')).toHaveText(`${count}个目标`);
  await entry.locator('a').click();
  await expect(page).toHaveURL(/\/articles\/41$/);
});

test('article 41 shows its titles, the 352 km target highlighted in its text and in its list', async ({
  page
}) => {
  await page.goto('/articles/41');
  await expect(page.locator('h1')).toContainText('第41条');
  await expect(page.locator('h1')).toContainText('加快轨道交通和市政路网建设');
  await expect(page.locator('.other-title')).toContainText('Speed up rail transit and city road building');
  await expect(page.locator('.crumbs')).toContainText('第四章');

  const mark = page.locator('[data-testid=article-text] mark[data-targets~="a41-1"]');
  await expect(mark).toHaveText('到2025年轨道交通通车里程达到352公里');

  const target = page.locator('#target-a41-1');
  await expect(target).toContainText('轨道交通通车里程');
  await expect(target).toContainText('≥ 352 公里');
  await expect(target).toContainText('到2025年');
  await expect(target.getByTestId('target-standing')).toContainText('348 公里');
  await expect(target.getByTestId('target-outcome')).toContainText('已公布数据');
  await expect(target.getByTestId('target-latest')).toContainText('352 公里');
});

/** Midpoints of a line's `count` longest station-to-station segments: spots where only the line is drawn. */
function quietPointsOnLine(line: PlanFeature, count: number): [number, number][] {
  const coords = (line.geometry as GeoJSON.LineString).coordinates as [number, number][];
  const segments = coords.slice(1).map((b, i) => {
    const a = coords[i]!;
    return { length: Math.hypot(a[0] - b[0], a[1] - b[1]), mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
  });
  segments.sort((x, y) => y.length - x.length);
  return segments.slice(0, count).map((s) => s.mid as [number, number]);
}

test('the mini map draws each of the article’s operating metro lines in its colour', async ({
  page,
  request
}) => {
  // Lines under construction are dashed, so a midpoint may fall in a gap: only the solid lines are probed.
  const lines = (await loadFeatures(request)).filter(
    (f) =>
      f.properties.kind === 'metro-line' &&
      f.properties.status === 'operating' &&
      f.properties.articles.includes(41)
  );
  expect(lines.length).toBeGreaterThan(0);
  await page.goto('/articles/41');
  const map = page.getByTestId('article-map');
  const png = await readyMiniMap(map);
  const [zoom, lat, lon] = (await map.getAttribute('data-view'))!.split('/').map(Number);
  const view = { zoom: zoom!, lat: lat!, lon: lon! };
  // The screenshot is of the map element itself: its top-left corner is the origin.
  const box = { x: 0, y: 0, width: png.width, height: png.height };
  for (const line of lines) {
    // Another feature may cross one segment (the bay tunnel crosses Line 1), so of the three longest
    // segments at least one must show the line's colour at its midpoint, where no station is drawn.
    const distances = quietPointsOnLine(line, 3).map(([x, y]) => {
      const at = project(view, box, x, y);
      return nearestColourDistance(png, at.x, at.y, hexToRgba(line.properties.color!), 2);
    });
    expect(
      Math.min(...distances),
      `${line.properties.name_zh} drawn in ${line.properties.color} between its stations`
    ).toBeLessThan(30);
  }
});

test('clicking a line on the mini map opens it on the main map', async ({ page, request }) => {
  const line = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-line-13')!;
  await page.goto('/articles/41');
  const map = page.getByTestId('article-map');
  const png = await readyMiniMap(map);
  // A pixel of the line's colour whose neighbours share it: the middle of the drawn line.
  const colour = hexToRgba(line.properties.color!);
  const inside = pixelsNear(png, colour, 20).filter(({ x, y }) =>
    [
      [x - 1, y],
      [x + 1, y],
      [x, y - 1],
      [x, y + 1]
    ].every(([nx, ny]) => {
      const i = (ny! * png.width + nx!) * 4;
      return colourDistance([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!], colour) < 20;
    })
  );
  expect(inside.length).toBeGreaterThan(0);
  const spot = inside[Math.floor(inside.length / 2)]!;
  await map.click({ position: spot });
  await expect(page).toHaveURL(/\/#sel=metro-(line|station)-13/);
  await waitForMap(page);
  await expect(page.getByTestId('feature-panel')).toBeVisible();
});

test('the list of places links each one to the main map', async ({ page }) => {
  await page.goto('/articles/41');
  const link = page.locator('[data-testid=article-features] li[data-feature="metro-line-3"] a');
  await expect(link).toHaveText('地铁3号线');
  await link.click();
  await expect(page).toHaveURL(/\/#sel=metro-line-3(&|$)/);
  await waitForMap(page);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText('地铁3号线');
  // The link carried no view, so the map brought the line into view: zoomed in from the city overview.
  await expect
    .poll(() => Number(new URL(page.url()).hash.match(/map=([\d.]+)/)?.[1] ?? 0))
    .toBeGreaterThan(10);
});

test('an article with no mapped places says so and draws no map', async ({ page, request }) => {
  const features = await loadFeatures(request);
  const mapped = new Set(features.flatMap((f) => f.properties.articles));
  const n = Array.from({ length: 120 }, (_, i) => i + 1).find((a) => !mapped.has(a))!;
  await page.goto(`/articles/${n}`);
  await expect(page.getByTestId('no-features')).toHaveText('本条提到的地点尚未标注在地图上。');
  await expect(page.getByTestId('article-map')).toHaveCount(0);
});

test('previous and next links walk the articles; the first and last have one each', async ({ page }) => {
  await page.goto('/articles/41');
  await page.locator('a[rel=next]').click();
  await expect(page).toHaveURL(/\/articles\/42$/);
  await expect(page.locator('h1')).toContainText('第42条');
  await page.locator('a[rel=prev]').click();
  // Each step lands before the next: a second press during a navigation would follow the old page's link.
  await expect(page).toHaveURL(/\/articles\/41$/);
  await expect(page.locator('h1')).toContainText('第41条');
  await page.locator('a[rel=prev]').click();
  await expect(page).toHaveURL(/\/articles\/40$/);
  await expect(page.locator('h1')).toContainText('第40条');

  await page.goto('/articles/1');
  await expect(page.locator('a[rel=prev]')).toHaveCount(0);
  await expect(page.locator('a[rel=next]')).toHaveAttribute('href', '/articles/2');
  await page.goto('/articles/120');
  await expect(page.locator('a[rel=next]')).toHaveCount(0);
  await page.locator('.pager .index').click();
  await expect(page).toHaveURL(/\/articles#chapter-12$/);
});

test('in English, the page and its links keep the language', async ({ page }) => {
  await page.goto('/articles/41?lang=en');
  await expect(page.locator('h1')).toContainText('Article 41');
  await expect(page.locator('h1')).toContainText('Speed up rail transit and city road building');
  await expect(page.locator('#target-a41-1')).toContainText('99% of the target (Apr 2024)');
  await expect(page.locator('a[rel=next]')).toHaveAttribute('href', '/articles/42?lang=en');
  await page.locator('a[rel=next]').click();
  await expect(page).toHaveURL(/\/articles\/42\?lang=en$/);
  await expect(page.locator('h1')).toContainText('Article 42');
});

test('article 41 lists the metro lines under construction, with stations where known, linked to the map', async ({
  page,
  request
}) => {
  const { lines } = (await (await request.get('/data/metro-building.json')).json()) as MetroBuilding;
  await page.goto('/articles/41');
  const list = page.getByTestId('building-lines');
  await expect(list.locator('li')).toHaveCount(lines.length);
  const listed = lines.find((l) => l.stations_zh.length > 0 && l.feature_id !== null)!;
  const item = list.locator(`li[data-line="${listed.id}"]`);
  await item.locator('summary').click();
  await expect(item.locator('.stations')).toHaveText(listed.stations_zh.join(' – '));

  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/#sel=${listed.feature_id}`));
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(listed.name_zh);
  // Another article has no such list.
  await page.goto('/articles/42');
  await expect(page.getByTestId('building-lines')).toHaveCount(0);
});

test('an article lists the places it names that are not drawn, each with its reason', async ({
  page,
  request
}) => {
  const { places } = (await (await request.get('/data/unmapped-places.json')).json()) as UnmappedPlaces;
  const missing = places.find((p) => p.reason === 'no-position-in-sources')!;
  await page.goto(`/articles/${missing.articles[0]}`);
  const item = page.getByTestId('unmapped-places').locator('li', { hasText: missing.name_zh }).first();
  await expect(item).toContainText('我们的资料中没有其位置');
  await expect(item).toContainText(missing.note);

  // A place inside a mapped area links to that area on the map.
  const inside = places.find((p) => p.reason === 'part-of-feature')!;
  await page.goto(`/articles/${inside.articles[0]}`);
  const link = page
    .getByTestId('unmapped-places')
    .locator('li', { hasText: inside.name_zh })
    .first()
    .getByRole('link');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/#sel=${inside.feature}`));
  await expect(page.getByTestId('feature-panel')).toBeVisible();
});

test('on a phone the article paints without the map code, which loads when the map scrolls near, in a box that keeps its size', async ({
  page
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // MapLibre's code is most of an article page's script: it must not be asked for before the map is wanted.
  const mapCode: string[] = [];
  page.on('request', (request) => {
    if (/maplibre-gl-worker|\.js$/.test(request.url())) mapCode.push(request.url());
  });
  await page.goto('/articles/41');
  await expect(page.locator('h1')).toBeVisible();
  const map = page.getByTestId('article-map');
  const before = await map.boundingBox();
  expect(before!.y, 'the map starts below the first screen').toBeGreaterThan(844);
  await page.waitForTimeout(1500);
  await expect(map).toHaveAttribute('data-ready', 'false');
  expect(await page.locator('.maplibregl-canvas').count()).toBe(0);
  const requestedBefore = mapCode.length;

  await map.scrollIntoViewIfNeeded();
  await expect(map).toHaveAttribute('data-ready', 'true');
  expect(mapCode.length, 'scrolling to the map loads its code').toBeGreaterThan(requestedBefore);
  const after = await map.boundingBox();
  expect(after!.height, 'the placeholder had the map’s size').toBe(before!.height);
  expect(after!.width).toBe(before!.width);
});
