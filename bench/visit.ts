/** Measuring one visit of one page: load, bytes, hover, search, the tour and the synthetic layer. */
import type { LineString, FeatureCollection } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HOVER_SAMPLES, LOCAL, SYNTHETIC_PATH, TOUR, TOUR_START, VIEWPORT, type TargetName } from './config';
import { MB, visitBytes, type VisitBytes } from './bytes';
import { chromiumCpu, cpuBetween } from './proc';
import type { StaticServer } from './server';

export interface TourMeasure {
  completed: boolean;
  fps: number;
  mapRendersPerS: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** CPU ms per frame used by all of Chromium and by its GPU process (software WebGL), from /proc. */
  cpuMsPerFrame: number | null;
  gpuCpuMsPerFrame: number | null;
  heapUsedMB: number;
  heapUsedAfterGcMB: number;
}

export interface RunResult {
  run: number;
  firstMapFrameMs: number | null;
  overlayReadyMs: number | null;
  readyMs: number | null;
  bytes: VisitBytes;
  tour: TourMeasure;
  synthetic: (TourMeasure & { features: number; drawnMs: number }) | null;
  /** Hover probes (null: no tooltip) and search probes per keystroke (null: no update); null: no search box. */
  hover: (BenchProbe | null)[];
  search: (BenchProbe | null)[] | null;
}

export class Visit {
  readonly problems: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page
  ) {}

  static async open(browser: Browser, script: string, problems: string[], label: string): Promise<Visit> {
    // Without the service worker: once the page has settled it downloads the whole site for offline use (the
    // offline copy, src/service-worker.ts), which is not what the page needs to show the map; its size is
    // the build's, reported apart from the first-visit budgets.
    const context = await browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      serviceWorkers: 'block'
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (LOCAL.test(url)) return route.continue();
      problems.push(`${label}: blocked a request beyond localhost: ${url}`);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${label}: console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${label}: HTTP ${response.status()} ${response.url()}`);
    });
    return new Visit(context, page);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Navigates and waits for both readiness markers; returns the page's marks and time origin. */
  async load(origin: string): Promise<{ marks: BenchMarks; timeOrigin: number }> {
    await this.page.goto(`${origin}/`, { waitUntil: 'load', timeout: 120_000 });
    await this.page.waitForFunction(() => window.__bench.marks.ready !== null, null, {
      timeout: 120_000,
      polling: 50
    });
    return this.page.evaluate(() => ({ marks: window.__bench.marks, timeOrigin: performance.timeOrigin }));
  }

  async heap(): Promise<{ used: number; afterGc: number }> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      await cdp.send('Performance.enable');
      const read = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
      };
      const used = await read();
      await cdp.send('HeapProfiler.collectGarbage');
      return { used, afterGc: await read() };
    } finally {
      await cdp.detach();
    }
  }

  /** The tour, from its start view (the view it also ends at: a second tour needs no jump, and a jump
   * costs a whole frame, which with a huge layer in software WebGL takes tens of seconds). */
  async tour(fromStart = true): Promise<TourMeasure> {
    if (fromStart)
      await this.page.evaluate((view) => window.__bench.jumpTo(view.center, view.zoom), TOUR_START);
    const before = chromiumCpu();
    const result = await this.page.evaluate((steps) => window.__bench.tour(steps), TOUR);
    const cpu = cpuBetween(before, chromiumCpu());
    const heap = await this.heap();
    const perFrame = (seconds: number) =>
      cpu.total > 0 && result.rafFrames > 0 ? (seconds * 1000) / result.rafFrames : null;
    return {
      completed: result.completed,
      fps: (result.rafFrames / result.ms) * 1000,
      mapRendersPerS: (result.mapRenders / result.ms) * 1000,
      p95FrameMs: result.p95FrameMs,
      maxFrameMs: result.maxFrameMs,
      cpuMsPerFrame: perFrame(cpu.total),
      gpuCpuMsPerFrame: perFrame(cpu.gpu),
      heapUsedMB: MB(heap.used),
      heapUsedAfterGcMB: MB(heap.afterGc)
    };
  }

  /** Hover-pick latency at the middle of metro segments, centred in the view at zoom 13. */
  async hover(
    targets: readonly [number, number][],
    samples: number,
    offset: number
  ): Promise<(BenchProbe | null)[]> {
    const page = this.page;
    const results: (BenchProbe | null)[] = [];
    for (let s = 0; s < samples; s++) {
      const target = targets[(offset + s) % targets.length]!;
      await page.evaluate((center) => window.__bench.jumpTo(center, 13), target);
      // Page coordinates of the target and of the map's edges (the map need not fill the page).
      const box = await page.evaluate((lngLat) => {
        const map = window.qingdaoPlanMap!.map;
        const rect = map.getContainer().getBoundingClientRect();
        const at = map.project(lngLat);
        return {
          x: rect.left + at.x,
          y: rect.top + at.y,
          left: rect.left,
          top: rect.top,
          w: rect.width,
          h: rect.height
        };
      }, target);
      const away: [number, number][] = [
        [box.left + 8, box.top + box.h / 2],
        [box.left + box.w - 60, box.top + box.h / 2],
        [box.left + box.w / 2, box.top + box.h - 60],
        [box.left + box.w / 2, box.top + 60]
      ];
      let clear = false;
      for (const [x, y] of away) {
        await page.mouse.move(x, y);
        clear = await page
          .waitForFunction(() => !window.__bench.tooltipShown(), null, { timeout: 3000, polling: 50 })
          .then(() => true)
          .catch(() => false);
        if (clear) break;
      }
      if (!clear) {
        results.push(null);
        continue;
      }
      await page.evaluate(() => window.__bench.armHover(10_000));
      await page.mouse.move(box.x, box.y);
      results.push(await page.evaluate(() => window.__bench.probe()));
    }
    return results;
  }

  /** Keystroke-to-results latency in the search box, or null when the page has none yet. */
  async search(): Promise<(BenchProbe | null)[] | null> {
    const page = this.page;
    const box = page.locator('input[type=search]').first();
    if ((await box.count()) === 0) return null;
    const results: (BenchProbe | null)[] = [];
    const keystroke = async (press: () => Promise<void>) => {
      await page.evaluate(() => window.__bench.armSearch(1000));
      await press();
      results.push(await page.evaluate(() => window.__bench.probe()));
      await page.waitForTimeout(150);
    };
    // The page loads its search index on first use: type once and let it load, so that keystrokes are
    // timed against a ready index. Then Latin keys (keydown, input) and Chinese characters as an input
    // method commits them (input only).
    await box.click();
    await page.keyboard.press('a');
    await page.waitForTimeout(1500);
    await box.fill('');
    for (const key of 'wusi') await keystroke(() => page.keyboard.press(key));
    await box.fill('');
    for (const char of '五四广场') await keystroke(() => page.keyboard.insertText(char));
    await box.fill('');
    await page.keyboard.press('Escape');
    return results;
  }

  async synthetic(): Promise<{ features: number; ms: number }> {
    return this.page.evaluate((url) => window.__bench.addSynthetic(url, 'bench-synthetic'), SYNTHETIC_PATH);
  }
}

/** Midpoints of the middle station-to-station segment of every metro line: on a line, between stations. */
export function hoverTargets(features: FeatureCollection): [number, number][] {
  const targets: [number, number][] = [];
  for (const feature of features.features) {
    if (feature.properties?.kind !== 'metro-line' || feature.geometry.type !== 'LineString') continue;
    const coordinates = (feature.geometry as LineString).coordinates;
    const i = Math.floor((coordinates.length - 1) / 2);
    const a = coordinates[i];
    const b = coordinates[i + 1];
    if (a && b) targets.push([(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]);
  }
  return targets;
}

/** Loads the page in a fresh visit and counts the bytes of every response it got. */
export async function loadAndCountBytes(
  visit: Visit,
  server: StaticServer,
  origin: string,
  problems: string[],
  label: string
): Promise<{ marks: BenchMarks; bytes: VisitBytes }> {
  server.reset();
  const { marks, timeOrigin } = await visit.load(origin);
  // Let late requests (font files for labels drawn in the last frame) land before counting bytes.
  await visit.page.waitForTimeout(750);
  const firstFrameEpoch = marks.firstMapFrame === null ? null : timeOrigin + marks.firstMapFrame;
  const bytes = visitBytes([...server.log], firstFrameEpoch);
  for (const record of server.log) {
    if (record.status !== 200) problems.push(`${label}: HTTP ${record.status} ${record.path}`);
  }
  return { marks, bytes };
}

export async function measureRun(
  browser: Browser,
  script: string,
  target: TargetName,
  server: StaticServer,
  origin: string,
  run: number,
  withSynthetic: boolean,
  targets: readonly [number, number][],
  problems: string[]
): Promise<RunResult> {
  const label = `${target} run ${run}`;
  const visit = await Visit.open(browser, script, problems, label);
  try {
    const { marks, bytes } = await loadAndCountBytes(visit, server, origin, problems, label);

    // Hover and search are the site's own features; a failure in one is reported and the run goes on.
    const attempt = async <T>(what: string, f: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await f();
      } catch (error) {
        problems.push(`${label}: ${what} failed: ${(error as Error).message.split('\n')[0]}`);
        return fallback;
      }
    };
    const hover =
      target === 'site'
        ? await attempt('hover', () => visit.hover(targets, HOVER_SAMPLES, run * HOVER_SAMPLES), [])
        : [];
    const search = target === 'site' ? await attempt('search', () => visit.search(), []) : null;
    const tour = await visit.tour();
    let synthetic: RunResult['synthetic'] = null;
    if (withSynthetic) {
      const added = await visit.synthetic();
      synthetic = { ...(await visit.tour(false)), features: added.features, drawnMs: added.ms };
    }
    return {
      run,
      firstMapFrameMs: marks.firstMapFrame,
      overlayReadyMs: marks.overlayReady,
      readyMs: marks.ready,
      bytes,
      tour,
      synthetic,
      hover,
      search
    };
  } finally {
    await visit.close();
  }
}
