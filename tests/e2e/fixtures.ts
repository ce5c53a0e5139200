/**
 * Shared end-to-end fixtures: every page is offline beyond localhost, and any page error, failed local
 * request, request that tried to leave the machine or Content-Security-Policy violation fails the test
 * that caused it. Every spec imports `test` from here, so the whole suite runs under the site's policy.
 */
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { PlanFeature, PlanFeatureCollection } from '../../src/lib/plan/schema';
import { PNG } from 'pngjs';

const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

export const test = base.extend<{ problems: string[]; expectedProblems: readonly RegExp[] }>({
  /** Problems a test provokes on purpose (a tile server answering 500): matched, they do not fail it. */
  expectedProblems: [[], { option: true }],
  problems: [
    async ({ context, expectedProblems }, use) => {
      const problems: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        problems.push(`request beyond localhost: ${url}`);
        return route.abort('blockedbyclient');
      });
      // Every violation of the site's Content-Security-Policy, in any page or frame, as the browser
      // reports it to the document (the console's "Refused to …" errors are caught below as well).
      await context.exposeBinding('__reportCspViolation', (_source, report: string) => {
        problems.push(`CSP violation: ${report}`);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __reportCspViolation?: (r: string) => void })
            .__reportCspViolation;
          report?.(
            `${event.effectiveDirective} refused ${event.blockedURI || '(inline)'} ` +
              `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
          );
        });
      });
      const watch = (page: Page) => {
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          // The resource a "Failed to load resource" message is about is only in its location.
          if (message.type() === 'error')
            problems.push(`console error: ${message.text()} (${message.location().url})`);
        });
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(problems);
      const unexpected = problems.filter((p) => !expectedProblems.some((pattern) => pattern.test(p)));
      expect(unexpected, 'no page errors, failed requests or requests beyond localhost').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/**
 * Waits until the map has drawn its basemap and the plan overlay is ready to draw and pick; `timeout` (ms)
 * for a view that takes longer to draw than the default expect timeout allows on a busy machine.
 */
export async function waitForMap(page: Page, timeout?: number): Promise<void> {
  await expect(page.getByTestId('map')).toHaveAttribute('data-overlay', 'ready', { timeout });
  await expect(page.getByTestId('map')).toHaveAttribute('data-idle', 'true', { timeout });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the map sits on the page, in CSS pixels. */
export async function mapBox(page: Page): Promise<Box> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map is not on the page');
  return box;
}

/**
 * Projects WGS-84 to page pixels for a map view given as MapLibre's hash (512-px tiles, Web Mercator),
 * independently of the map's own code, so a wrongly placed layer cannot pass.
 */
export function project(
  view: { zoom: number; lat: number; lon: number },
  box: Box,
  lon: number,
  lat: number
): { x: number; y: number } {
  const worldSize = 512 * 2 ** view.zoom;
  const mercX = (l: number) => ((l + 180) / 360) * worldSize;
  const mercY = (p: number) => {
    const phi = (p * Math.PI) / 180;
    return ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * worldSize;
  };
  return {
    x: box.x + box.width / 2 + mercX(lon) - mercX(view.lon),
    y: box.y + box.height / 2 + mercY(lat) - mercY(view.lat)
  };
}

/** Screenshot of the page, decoded, for reading pixels. */
export async function screenshotPixels(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.screenshot());
}

/** RGB of the pixel at (x, y). */
export function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

/** Euclidean RGB distance. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/** Smallest colour distance to `target` within `radius` pixels of (x, y). */
export function nearestColourDistance(
  png: PNG,
  x: number,
  y: number,
  target: readonly number[],
  radius: number
): number {
  let best = Infinity;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      best = Math.min(best, colourDistance(pixel(png, x + dx, y + dy), target));
    }
  }
  return best;
}

/** How many pixels within `radius` of (x, y) are within `tolerance` of `target`: a measure of drawn width. */
export function countColourPixels(
  png: PNG,
  x: number,
  y: number,
  target: readonly number[],
  radius: number,
  tolerance = 30
): number {
  let count = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      if (colourDistance(pixel(png, x + dx, y + dy), target) < tolerance) count++;
    }
  }
  return count;
}

/** A map view (as in MapLibre's hash) that fits a [west, south, east, north] box into the map with a margin. */
export function viewFitting(
  bbox: readonly [number, number, number, number],
  box: Box,
  margin = 0.2
): { zoom: number; lat: number; lon: number } {
  const [west, south, east, north] = bbox;
  const atZoom0 = { zoom: 0, lat: 0, lon: 0 };
  const unit = { x: 0, y: 0, width: 0, height: 0 };
  const a = project(atZoom0, unit, west, north);
  const b = project(atZoom0, unit, east, south);
  const scale = Math.min(
    (box.width * (1 - margin)) / Math.max(b.x - a.x, 1e-9),
    (box.height * (1 - margin)) / Math.max(b.y - a.y, 1e-9)
  );
  const zoom = Math.min(16, Math.floor(Math.log2(scale) * 100) / 100);
  return { zoom, lat: (south + north) / 2, lon: (west + east) / 2 };
}

/** A file to drop on the page: its name and its bytes, as base64 (they travel into the page as text). */
export interface DroppedFile {
  name: string;
  data: string;
}

/** Drops files on the map, as a user dragging them from a folder does. */
export async function dropFiles(page: Page, files: readonly DroppedFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list)
      dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  await page.getByTestId('map').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('map').dispatchEvent('drop', { dataTransfer });
}

/** Every plan feature, as the built site serves it. */
export async function loadFeatures(request: APIRequestContext): Promise<PlanFeature[]> {
  const response = await request.get('/data/features.geojson');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as PlanFeatureCollection).features;
}

/** The midpoint of a line's longest station-to-station segment: a spot where only that line is drawn. */
export function quietPointOnLine(line: PlanFeature): [number, number] {
  const coords = (line.geometry as GeoJSON.LineString).coordinates as [number, number][];
  let best: [number, number] = coords[0]!;
  let bestLength = -1;
  for (let i = 1; i < coords.length; i++) {
    const [a, b] = [coords[i - 1]!, coords[i]!];
    const length = Math.hypot(a[0] - b[0], a[1] - b[1]);
    if (length > bestLength) {
      bestLength = length;
      best = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    }
  }
  return best;
}

/**
 * The longest main-thread task of a plain redraw of the map (nothing new to draw), the most of three, in ms
 * (0 when none is a long task). In software WebGL every frame holds the main thread while the compositor
 * reads the canvas back (100–200 ms on a quiet 2-core machine, several times that under load): a cost of
 * the test machine's renderer, whatever is drawn. Tests of long tasks hold what they watch to the larger of
 * their bar and this, so that they measure their subject and not the machine's load. Waits first for the
 * map's start-up work at idle (plan-overlay.ts `warm`), which would otherwise fall in what is measured.
 */
export async function frameCost(page: Page): Promise<number> {
  await page.evaluate(() => window.qingdaoPlanMap!.warmed);
  return page.evaluate(async () => {
    const map = window.qingdaoPlanMap!.map;
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) durations.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    observer.disconnect();
    return Math.round(Math.max(0, ...durations));
  });
}
