/**
 * The map runtime as a user relies on it: asking for a feature brings it into view every time, resizing
 * never undoes the user's panning, one refresh of the station labels per change, clicks that select after
 * a pan, and the plan drawn in MapLibre's own canvas beneath the basemap's labels.
 */
import type { Page } from '@playwright/test';
import { test, expect, waitForMap, loadFeatures, mapBox, project } from './fixtures';

/** The centre of the map's current view, read from MapLibre. */
async function centre(page: Page): Promise<{ lng: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const map = window.qingdaoPlanMap!.map;
    const { lng, lat } = map.getCenter();
    return { lng, lat, zoom: map.getZoom() };
  });
}

/** Moves the camera far from where it is and waits for the map to settle there. */
async function panAway(page: Page): Promise<void> {
  await page.evaluate(() => window.qingdaoPlanMap!.map.jumpTo({ center: [119.75, 36.6], zoom: 10 }));
  await waitForMap(page);
}

/** Clicks Metro Line 3 in the layers panel's transport legend (which selects it and brings it into view). */
async function showLine3(page: Page): Promise<void> {
  const panel = page.getByTestId('layers-panel');
  const item = panel.locator('button.metro', { hasText: '3号线' }).first();
  if (!(await item.isVisible())) await panel.locator('[data-layer=transport] button.expand').click();
  await item.click();
}

test('asking to show the same feature twice brings it back into view the second time', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await showLine3(page);
  await expect(page.getByTestId('feature-panel').locator('h2')).toContainText('3号线');
  await expect.poll(async () => (await centre(page)).zoom, { timeout: 10_000 }).toBeGreaterThan(10.5);
  await waitForMap(page);
  const shown = await centre(page);

  await panAway(page);
  await showLine3(page);
  await expect
    .poll(async () => Math.abs((await centre(page)).lng - shown.lng), { timeout: 10_000 })
    .toBeLessThan(0.01);
});

test('resizing the window wide keeps the view the user panned to', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 720 });
  await page.goto('/');
  await waitForMap(page);
  await showLine3(page);
  await expect.poll(async () => (await centre(page)).zoom, { timeout: 10_000 }).toBeGreaterThan(10.5);
  await waitForMap(page);
  await panAway(page);
  const panned = await centre(page);

  // Wider than ~1,270 px the root font size (and with it the map's text scale) starts to grow.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.waitForTimeout(1200);
  await waitForMap(page);
  const after = await centre(page);
  expect(Math.abs(after.lng - panned.lng)).toBeLessThan(1e-6);
  expect(Math.abs(after.lat - panned.lat)).toBeLessThan(1e-6);
  expect(after.zoom).toBeCloseTo(panned.zoom, 6);
});

test('the station labels are refreshed once per filter or language change', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.evaluate(() => {
    const source = window.qingdaoPlanMap!.map.getSource('plan-labels') as unknown as {
      setData: (data: unknown) => unknown;
    };
    const w = window as unknown as { labelRefreshes: number };
    w.labelRefreshes = 0;
    const original = source.setData.bind(source);
    source.setData = (data) => {
      w.labelRefreshes++;
      return original(data);
    };
  });
  const refreshes = () =>
    page.evaluate(() => (window as unknown as { labelRefreshes: number }).labelRefreshes);

  await page.getByTestId('layers-panel').locator('fieldset input[type=checkbox]').first().uncheck();
  await expect.poll(refreshes).toBe(1);
  await page.waitForTimeout(500);
  expect(await refreshes()).toBe(1);

  await page.getByRole('button', { name: /English/ }).click();
  await expect.poll(refreshes).toBe(2);
  await page.waitForTimeout(500);
  expect(await refreshes()).toBe(2);
});

test('a click selects a feature after the map has been panned', async ({ page, request }) => {
  const station = (await loadFeatures(request)).find((f) => f.properties.id === 'metro-station-3-10')!;
  const [lon, lat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
  await page.goto(`/#map=15/${lat + 0.002}/${lon + 0.003}`);
  await waitForMap(page);
  const box = await mapBox(page);
  // Drag the map by hand, as a user pans, then let it settle.
  await page.mouse.move(box.x + 500, box.y + 400);
  await page.mouse.down();
  await page.mouse.move(box.x + 560, box.y + 330, { steps: 8 });
  await page.mouse.up();
  await waitForMap(page);
  const view = await centre(page);
  const at = project({ zoom: view.zoom, lat: view.lat, lon: view.lng }, box, lon, lat);
  await page.mouse.move(at.x, at.y);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('feature-panel').locator('h2')).toHaveText(station.properties.name_zh);
});

test('the plan is drawn in the basemap canvas, beneath the district and station labels', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await expect(page.getByTestId('map').locator('canvas')).toHaveCount(1);
  // The order MapLibre draws in, deck.gl's layer groups (custom layers) included.
  const order = await page.evaluate(() => window.qingdaoPlanMap!.map.getLayersOrder());
  const labels = Math.min(order.indexOf('district-label'), order.indexOf('plan-station-labels'));
  expect(labels).toBeGreaterThan(0);
  const fills = order.indexOf('deck-maplibre-layer-group-before:plan-outlines');
  const outlines = order.indexOf('plan-outlines');
  const lines = order.indexOf('deck-maplibre-layer-group-before:district-label');
  expect(fills, 'area fills placed among the basemap layers').toBeGreaterThan(0);
  expect(fills).toBeLessThan(outlines);
  expect(outlines).toBeLessThan(lines);
  expect(lines).toBeLessThan(labels);
  // Nothing of deck.gl's is left to be drawn over the labels.
  expect(order.filter((id) => id.startsWith('deck-'))).toHaveLength(2);
});

test('the map says it is ready only once the plan has been drawn, placed among the basemap layers from the start', async ({
  page
}) => {
  // Records, in the page's own clock, the first draw of each deck.gl layer kind (told apart by the name
  // deck.gl writes into its shaders), whether deck.gl's groups were in MapLibre's style by then, and when
  // the map first said its overlay was ready.
  await page.addInitScript(() => {
    const seen: Record<string, { at: number; placed: boolean }> = {};
    const record = { firstDraw: seen, readyAt: null as number | null };
    (window as unknown as { __drawRecord: typeof record }).__drawRecord = record;
    const proto = WebGL2RenderingContext.prototype;
    const sources = new WeakMap<WebGLShader, string>();
    const names = new WeakMap<WebGLProgram, string>();
    let current: string | undefined;
    const shaderSource = proto.shaderSource;
    proto.shaderSource = function (shader, source) {
      sources.set(shader, source);
      return shaderSource.call(this, shader, source);
    };
    const attachShader = proto.attachShader;
    proto.attachShader = function (program, shader) {
      const name = /#define SHADER_NAME (\S+)-(?:vertex|fragment)-shader/.exec(
        sources.get(shader) ?? ''
      )?.[1];
      if (name) names.set(program, name);
      return attachShader.call(this, program, shader);
    };
    const useProgram = proto.useProgram;
    proto.useProgram = function (program) {
      current = program ? names.get(program) : undefined;
      return useProgram.call(this, program);
    };
    for (const call of [
      'drawArrays',
      'drawElements',
      'drawArraysInstanced',
      'drawElementsInstanced'
    ] as const) {
      const draw = proto[call] as (...args: unknown[]) => void;
      (proto as unknown as Record<string, unknown>)[call] = function (
        this: WebGL2RenderingContext,
        ...args: unknown[]
      ) {
        if (current && !seen[current]) {
          const map = window.qingdaoPlanMap?.map;
          const placed = Boolean(
            map?.getLayersOrder().some((id) => id.startsWith('deck-maplibre-layer-group-before:'))
          );
          seen[current] = { at: performance.now(), placed };
        }
        return draw.apply(this, args);
      };
    }
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid=map]');
      if (record.readyAt === null && el?.dataset.overlay === 'ready') record.readyAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-overlay'] });
  });
  await page.goto('/');
  await waitForMap(page);
  const record = await page.evaluate(
    () =>
      (
        window as unknown as {
          __drawRecord: { firstDraw: Record<string, { at: number; placed: boolean }>; readyAt: number };
        }
      ).__drawRecord
  );
  for (const kind of ['solid-polygon-layer', 'path-layer', 'scatterplot-layer']) {
    const first = record.firstDraw[kind];
    expect(first, `${kind} drawn`).toBeTruthy();
    expect(first!.at, `${kind} drawn before the map said it was ready`).toBeLessThanOrEqual(record.readyAt);
    expect(first!.placed, `${kind} drawn in its place among the basemap's layers, not over them`).toBe(true);
  }
});
