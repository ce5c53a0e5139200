/**
 * `npm run bench`: builds the site and a MapLibre-only reference page, serves both locally, and measures
 * them in headless Chromium over several runs; then prints a table, checks bench/budgets.json, and writes
 * bench/results/latest.json and latest.md. A benchmark, not a test: it exits 0 whether budgets hold or not,
 * and non-zero only when it could not measure.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SYNTHETIC_RUNS (runs that also draw the synthetic layer;
 * default 1), BENCH_SYNTHETIC_FEATURES (default 200000), BENCH_HOVER_SAMPLES (per run, default 3),
 * BENCH_SKIP_BUILD=1 (measure the existing build/), BENCH_SITE_BUILD=dir (measure another build of the site,
 * e.g. an experiment), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, LineString } from 'geojson';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import ts from 'typescript';
import { build as viteBuild } from 'vite';
import { timeNearMe, type NearMeTiming } from './near-me';
import { chromiumCpu, cpuBetween } from './proc';
import { compressedSizes, StaticServer, type Mount, type RequestRecord } from './server';
import { formatSummary, summarise, type Summary } from './stats';
import { syntheticFeatures } from './synthetic';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');
const WORK = join(BENCH, '.work');
/** The site is measured from a copy of its build, so that a rebuild by someone else mid-run changes nothing. */
const SITE = join(WORK, 'site');
const REFERENCE_OUT = join(WORK, 'reference');
const RESULTS = join(BENCH, 'results');

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}: ${raw}`);
  return value;
}

const RUNS = envInt('BENCH_RUNS', 5, 1);
const SYNTHETIC_RUNS = Math.min(RUNS, envInt('BENCH_SYNTHETIC_RUNS', 1, 0));
const SYNTHETIC_FEATURES = envInt('BENCH_SYNTHETIC_FEATURES', 200_000, 1);
const HOVER_SAMPLES = envInt('BENCH_HOVER_SAMPLES', 3, 0);
/** Another build of the site to measure (an experiment, say); implies no build. */
const SITE_BUILD = resolve(ROOT, process.env.BENCH_SITE_BUILD ?? 'build');
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === '1' || process.env.BENCH_SITE_BUILD !== undefined;
const CHROMIUM_PATH = findChromium() ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 720 };
const SYNTHETIC_PATH = '/__bench/synthetic.geojson';
const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/** Where the tour starts and ends: the whole municipality. */
const TOUR_START = { center: [120.2, 36.35] as [number, number], zoom: 8.8 };

/** The pan-and-zoom tour over Qingdao, 10 s in all: old town, across the bay, the airport, Laoshan, out. */
const TOUR: BenchTourStep[] = [
  { center: [120.38, 36.07], zoom: 11, duration: 2000 },
  { center: [120.33, 36.09], zoom: 12.5, duration: 1500 },
  { center: [120.2, 35.96], zoom: 11.5, duration: 1500 },
  { center: [120.45, 36.3], zoom: 11, duration: 2000, fly: true },
  { center: [120.6, 36.2], zoom: 10, duration: 1500 },
  { ...TOUR_START, duration: 1500, fly: true }
];

type TargetName = 'site' | 'reference';
type Kind = 'js' | 'css' | 'planData' | 'basemap' | 'fonts' | 'other';
const KINDS: readonly Kind[] = ['js', 'css', 'planData', 'basemap', 'fonts', 'other'];

interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

interface FileBytes extends Bytes {
  path: string;
  kind: Kind;
  /** JS requested before the first map frame is `initial`; after it (the deck.gl overlay), `lazy`. */
  phase: 'initial' | 'lazy';
}

interface VisitBytes {
  byKind: Record<Kind, Bytes>;
  jsInitial: Bytes;
  jsLazy: Bytes;
  total: Bytes;
  requests: number;
  files: FileBytes[];
}

interface TourMeasure {
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

interface RunResult {
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

const zero = (): Bytes => ({ raw: 0, gzip: 0, brotli: 0 });
const add = (a: Bytes, b: Bytes) => {
  a.raw += b.raw;
  a.gzip += b.gzip;
  a.brotli += b.brotli;
};
const kB = (bytes: number) => bytes / 1000;
const MB = (bytes: number) => bytes / 1e6;

function kindOf(path: string): Kind {
  if (/\.m?js$/.test(path)) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.startsWith('/data/')) return 'planData';
  if (path.startsWith('/geo/')) return 'basemap';
  if (/\.(woff2?|ttf|otf)$/.test(path) || path.startsWith('/fonts/')) return 'fonts';
  return 'other';
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

// ---------------------------------------------------------------------------------------------------
// Building

function buildSite(): void {
  if (SKIP_BUILD) {
    log(`measuring the existing build in ${SITE_BUILD}`);
  } else {
    log('npm run build');
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  }
  if (!existsSync(join(SITE_BUILD, 'index.html'))) {
    throw new Error(`${SITE_BUILD}/index.html is missing: build the site first`);
  }
  rmSync(SITE, { recursive: true, force: true });
  cpSync(SITE_BUILD, SITE, { recursive: true });
}

async function buildReference(): Promise<void> {
  log('building the reference page (bench/reference → bench/.work/reference)');
  await viteBuild({ configFile: join(BENCH, 'reference', 'vite.config.ts'), logLevel: 'warn' });
}

/** The in-page instrumentation, transpiled to a plain script (tsx would inject helpers the page lacks). */
function instrumentScript(): string {
  const source = readFileSync(join(BENCH, 'page', 'instrument.ts'), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: true }
  }).outputText;
}

// ---------------------------------------------------------------------------------------------------
// Measuring one visit

class Visit {
  readonly problems: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page
  ) {}

  static async open(browser: Browser, script: string, problems: string[], label: string): Promise<Visit> {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
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

function visitBytes(records: readonly RequestRecord[], firstFrameEpoch: number | null): VisitBytes {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, zero()])) as Record<Kind, Bytes>;
  const jsInitial = zero();
  const jsLazy = zero();
  const total = zero();
  const files: FileBytes[] = [];
  for (const record of records) {
    if (record.path.startsWith('/__bench/') || !record.file) continue;
    const sizes = compressedSizes(record.file);
    const kind = kindOf(record.path);
    const phase = firstFrameEpoch !== null && record.at > firstFrameEpoch ? 'lazy' : 'initial';
    add(byKind[kind], sizes);
    add(total, sizes);
    if (kind === 'js') add(phase === 'initial' ? jsInitial : jsLazy, sizes);
    files.push({ path: record.path, kind, phase, ...sizes });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  return { byKind, jsInitial, jsLazy, total, requests: records.length, files };
}

/** Midpoints of the middle station-to-station segment of every metro line: on a line, between stations. */
function hoverTargets(features: FeatureCollection): [number, number][] {
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

async function measureRun(
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
    server.reset();
    const { marks, timeOrigin } = await visit.load(origin);
    // Let late requests (font files for labels drawn in the last frame) land before counting bytes.
    await visit.page.waitForTimeout(750);
    const firstFrameEpoch = marks.firstMapFrame === null ? null : timeOrigin + marks.firstMapFrame;
    const bytes = visitBytes([...server.log], firstFrameEpoch);
    for (const record of server.log) {
      if (record.status !== 200) problems.push(`${label}: HTTP ${record.status} ${record.path}`);
    }

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

// ---------------------------------------------------------------------------------------------------
// Summaries, budgets, report

interface TargetSummary {
  firstMapFrameMs: Summary | null;
  readyMs: Summary | null;
  fps: Summary | null;
  mapRendersPerS: Summary | null;
  p95FrameMs: Summary | null;
  cpuMsPerFrame: Summary | null;
  gpuCpuMsPerFrame: Summary | null;
  heapAfterTourMB: Summary | null;
  heapAfterTourGcMB: Summary | null;
  syntheticDrawnMs: Summary | null;
  syntheticFps: Summary | null;
  syntheticMapRendersPerS: Summary | null;
  syntheticP95FrameMs: Summary | null;
  syntheticCpuMsPerFrame: Summary | null;
  heapAfterSyntheticTourMB: Summary | null;
  heapAfterSyntheticTourGcMB: Summary | null;
  toursCut: number;
  syntheticToursCut: number;
  /** Pointer move (its timestamp) to the tooltip painted. */
  hoverMs: Summary | null;
  hoverMisses: number;
  /** Keystroke to results list changed, from the page's first key handler (the budget), to that change
   * painted, and to the change from the key event's timestamp (input delivery included). */
  searchMs: Summary | null;
  searchPaintedMs: Summary | null;
  searchFromEventMs: Summary | null;
  searchNoUpdate: number;
  searchAvailable: boolean;
  bytes: VisitBytes;
}

function summariseTarget(runs: readonly RunResult[]): TargetSummary {
  const s = (f: (r: RunResult) => number | null | undefined) => summarise(runs.map(f));
  const synth = runs.filter((r) => r.synthetic);
  const ss = (f: (r: NonNullable<RunResult['synthetic']>) => number) =>
    summarise(synth.map((r) => f(r.synthetic!)));
  const hover = runs.flatMap((r) => r.hover);
  const search = runs.flatMap((r) => r.search ?? []);
  // Bytes are the same every run (checked in the report); the last run's breakdown stands for all.
  const last = runs[runs.length - 1]!;
  return {
    firstMapFrameMs: s((r) => r.firstMapFrameMs),
    readyMs: s((r) => r.readyMs),
    fps: s((r) => r.tour.fps),
    mapRendersPerS: s((r) => r.tour.mapRendersPerS),
    p95FrameMs: s((r) => r.tour.p95FrameMs),
    cpuMsPerFrame: s((r) => r.tour.cpuMsPerFrame),
    gpuCpuMsPerFrame: s((r) => r.tour.gpuCpuMsPerFrame),
    heapAfterTourMB: s((r) => r.tour.heapUsedMB),
    heapAfterTourGcMB: s((r) => r.tour.heapUsedAfterGcMB),
    syntheticDrawnMs: ss((r) => r.drawnMs),
    syntheticFps: ss((r) => r.fps),
    syntheticMapRendersPerS: ss((r) => r.mapRendersPerS),
    syntheticP95FrameMs: ss((r) => r.p95FrameMs),
    syntheticCpuMsPerFrame: summarise(synth.map((r) => r.synthetic!.cpuMsPerFrame)),
    heapAfterSyntheticTourMB: ss((r) => r.heapUsedMB),
    heapAfterSyntheticTourGcMB: ss((r) => r.heapUsedAfterGcMB),
    toursCut: runs.filter((r) => !r.tour.completed).length,
    syntheticToursCut: synth.filter((r) => !r.synthetic!.completed).length,
    hoverMs: summarise(hover.map((p) => p && p.paintedMs + (p.fromEventMs - p.ms))),
    hoverMisses: hover.filter((p) => p === null).length,
    searchMs: summarise(search.map((p) => p?.ms)),
    searchPaintedMs: summarise(search.map((p) => p?.paintedMs)),
    searchFromEventMs: summarise(search.map((p) => p?.fromEventMs)),
    searchNoUpdate: search.filter((p) => p === null).length,
    searchAvailable: runs.some((r) => r.search !== null),
    bytes: last.bytes
  };
}

interface Budget {
  label: string;
  op: '<=' | '<' | '>=' | '>';
  limit: number;
  unit: string;
}

interface BudgetResult extends Budget {
  id: string;
  measured: number | null;
  holds: boolean | null;
  note: string;
}

function checkBudgets(
  site: TargetSummary,
  reference: TargetSummary,
  nearMe: NearMeTiming
): { results: BudgetResult[]; ratios: Record<string, number | null> } {
  const budgets = JSON.parse(readFileSync(join(BENCH, 'budgets.json'), 'utf8')) as Record<string, Budget>;
  const ratio = (a: Summary | null, b: Summary | null) =>
    a && b && b.median > 0 ? a.median / b.median : null;
  const planData = site.bytes.files
    .filter((f) => f.path === '/data/plan.json' || f.path === '/data/features.geojson')
    .reduce((sum, f) => sum + f.gzip, 0);
  const ratios = {
    loadToIdle: ratio(site.readyMs, reference.readyMs),
    firstMapFrame: ratio(site.firstMapFrameMs, reference.firstMapFrameMs),
    bytesGzip: reference.bytes.total.gzip > 0 ? site.bytes.total.gzip / reference.bytes.total.gzip : null,
    jsGzip:
      reference.bytes.byKind.js.gzip > 0 ? site.bytes.byKind.js.gzip / reference.bytes.byKind.js.gzip : null,
    frameRate: ratio(site.fps, reference.fps),
    mapRenders: ratio(site.mapRendersPerS, reference.mapRendersPerS),
    syntheticFrameRate: ratio(site.syntheticFps, reference.syntheticFps)
  };
  const measured: Record<string, { value: number | null; note: string }> = {
    'first-visit-js': {
      value: kB(site.bytes.byKind.js.gzip),
      note: `initial ${kB(site.bytes.jsInitial.gzip).toFixed(1)} kB + lazy ${kB(site.bytes.jsLazy.gzip).toFixed(1)} kB`
    },
    'plan-data': { value: kB(planData), note: '' },
    'load-to-idle': {
      value: ratios.loadToIdle,
      note: `${formatSummary(site.readyMs)} ms vs ${formatSummary(reference.readyMs)} ms`
    },
    'frame-rate': {
      value: ratios.frameRate,
      note: `${formatSummary(site.fps, 1)} vs ${formatSummary(reference.fps, 1)} fps`
    },
    search: site.searchAvailable
      ? {
          value: site.searchMs?.median ?? null,
          note: `to the list updated; painted ${formatSummary(site.searchPaintedMs, 1)} ms`
        }
      : { value: null, note: 'not available yet: the page has no input[type=search]' },
    'near-me': {
      value: nearMe.all?.median ?? null,
      note: `${nearMe.features} features; max ${nearMe.all?.max.toFixed(2)} ms`
    }
  };
  const results: BudgetResult[] = Object.entries(budgets).map(([id, budget]) => {
    const m = measured[id];
    if (!m) throw new Error(`bench/budgets.json: unknown budget "${id}"`);
    const v = m.value;
    const holds =
      v === null
        ? null
        : budget.op === '<='
          ? v <= budget.limit
          : budget.op === '<'
            ? v < budget.limit
            : budget.op === '>='
              ? v >= budget.limit
              : v > budget.limit;
    return { id, ...budget, measured: v, holds, note: m.note };
  });
  return { results, ratios };
}

function machine() {
  const cpu = cpus();
  const pkg = (name: string) => {
    try {
      return (
        JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return 'unknown';
    }
  };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    commit,
    packages: {
      'maplibre-gl': pkg('maplibre-gl'),
      '@deck.gl/core': pkg('@deck.gl/core'),
      '@sveltejs/kit': pkg('@sveltejs/kit'),
      vite: pkg('vite'),
      'playwright-core': pkg('playwright-core')
    }
  };
}

function bytesCell(b: Bytes): string {
  return `${kB(b.raw).toFixed(1)} / ${kB(b.gzip).toFixed(1)} / ${kB(b.brotli).toFixed(1)}`;
}

function ratioCell(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`;
}

function markdown(report: Report): string {
  const { site, reference } = report.summary;
  const m = report.machine;
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  const r = (a: Summary | null, b: Summary | null) =>
    ratioCell(a && b && b.median > 0 ? a.median / b.median : null);
  lines.push(
    '# Benchmark results',
    '',
    `${report.generatedAt} · ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB · ${m.os} · Node ${m.node} · ` +
      `Chromium ${report.chromium} (headless, SwiftShader WebGL, no GPU) · commit ${m.commit} · ` +
      `load average ${report.loadAverage.start.map((v) => v.toFixed(1)).join(' ')} at the start, ` +
      `${report.loadAverage.end.map((v) => v.toFixed(1)).join(' ')} at the end`,
    '',
    `${report.config.runs} runs (${report.config.syntheticRuns} with the ${report.config.syntheticFeatures.toLocaleString('en')}-feature ` +
      `synthetic layer), viewport ${VIEWPORT.width}×${VIEWPORT.height}. Cells: median (min–max). ` +
      'Site = the built app; reference = MapLibre alone with the same basemap and features (bench/reference).',
    '',
    '## First visit: bytes (kB = 1000 B; raw / gzip / brotli)',
    '',
    '| | site | reference | site ÷ ref (gzip) |',
    '| --- | --- | --- | --- |'
  );
  const kinds: [string, (v: VisitBytes) => Bytes][] = [
    ['JS before first map frame', (v) => v.jsInitial],
    ['JS after it (lazy: deck.gl overlay)', (v) => v.jsLazy],
    ['JS, all', (v) => v.byKind.js],
    ['CSS', (v) => v.byKind.css],
    ['Plan data (/data/)', (v) => v.byKind.planData],
    ['Basemap (/geo/)', (v) => v.byKind.basemap],
    ['Fonts', (v) => v.byKind.fonts],
    ['Other (HTML, icons)', (v) => v.byKind.other],
    ['**Total**', (v) => v.total]
  ];
  for (const [name, pick] of kinds) {
    const a = pick(site.bytes);
    const b = pick(reference.bytes);
    row(name, bytesCell(a), bytesCell(b), b.gzip > 0 ? ratioCell(a.gzip / b.gzip) : '–');
  }
  row('Requests', String(site.bytes.requests), String(reference.bytes.requests), '');
  lines.push(
    '',
    '## Time, frames, memory',
    '',
    '| | site | reference | site ÷ ref |',
    '| --- | --- | --- | --- |'
  );
  const t = (name: string, a: Summary | null, b: Summary | null, decimals = 0, ratio = true) =>
    row(name, formatSummary(a, decimals), formatSummary(b, decimals), ratio ? r(a, b) : '');
  t('First map frame (ms)', site.firstMapFrameMs, reference.firstMapFrameMs);
  t('Load to idle: every plan layer drawn, map idle (ms)', site.readyMs, reference.readyMs);
  t('Tour, every layer on: frames/s (rAF)', site.fps, reference.fps, 1);
  t('Tour: MapLibre renders/s', site.mapRendersPerS, reference.mapRendersPerS, 1);
  t('Tour: 95th-percentile frame (ms)', site.p95FrameMs, reference.p95FrameMs);
  t('Tour: Chromium CPU per frame, all processes (ms)', site.cpuMsPerFrame, reference.cpuMsPerFrame);
  t(
    'Tour: … of which the GPU process, i.e. software WebGL (ms)',
    site.gpuCpuMsPerFrame,
    reference.gpuCpuMsPerFrame
  );
  if (site.toursCut + reference.toursCut > 0) {
    row('Tours cut at 12 s (frames too slow)', String(site.toursCut), String(reference.toursCut), '');
  }
  row(
    'JS heap after the tour (MB): used · after GC',
    `${formatSummary(site.heapAfterTourMB, 1)} · ${formatSummary(site.heapAfterTourGcMB, 1)}`,
    `${formatSummary(reference.heapAfterTourMB, 1)} · ${formatSummary(reference.heapAfterTourGcMB, 1)}`,
    r(site.heapAfterTourGcMB, reference.heapAfterTourGcMB)
  );
  const n = report.config.syntheticFeatures.toLocaleString('en');
  t(
    `Synthetic ${n} features: added to drawn and settled (ms)`,
    site.syntheticDrawnMs,
    reference.syntheticDrawnMs
  );
  t('Synthetic tour: frames/s (rAF)', site.syntheticFps, reference.syntheticFps, 2);
  t('Synthetic tour: 95th-percentile frame (ms)', site.syntheticP95FrameMs, reference.syntheticP95FrameMs);
  t(
    'Synthetic tour: Chromium CPU per frame (ms)',
    site.syntheticCpuMsPerFrame,
    reference.syntheticCpuMsPerFrame
  );
  if (site.syntheticToursCut + reference.syntheticToursCut > 0) {
    row(
      'Synthetic tours cut at 12 s (frames too slow)',
      String(site.syntheticToursCut),
      String(reference.syntheticToursCut),
      ''
    );
  }
  row(
    'JS heap after the synthetic tour (MB): used · after GC',
    `${formatSummary(site.heapAfterSyntheticTourMB, 1)} · ${formatSummary(site.heapAfterSyntheticTourGcMB, 1)}`,
    `${formatSummary(reference.heapAfterSyntheticTourMB, 1)} · ${formatSummary(reference.heapAfterSyntheticTourGcMB, 1)}`,
    r(site.heapAfterSyntheticTourGcMB, reference.heapAfterSyntheticTourGcMB)
  );
  row(
    'Hover a metro line → tooltip painted (ms)',
    `${formatSummary(site.hoverMs, 1)}, n=${site.hoverMs?.n ?? 0}${site.hoverMisses ? `, ${site.hoverMisses} missed` : ''}`,
    '–',
    ''
  );
  row(
    'Search: key handled → results list updated (ms)',
    site.searchAvailable
      ? `${formatSummary(site.searchMs, 1)}, n=${site.searchMs?.n ?? 0}${site.searchNoUpdate ? ` (+${site.searchNoUpdate} keystrokes that left the list as it was)` : ''}`
      : 'not available yet (no `input[type=search]`)',
    '–',
    ''
  );
  if (site.searchAvailable) {
    row('Search: key handled → updated list painted (ms)', formatSummary(site.searchPaintedMs, 1), '–', '');
    row(
      'Search: key event created → list updated, input delivery included (ms)',
      formatSummary(site.searchFromEventMs, 1),
      '–',
      ''
    );
  }
  lines.push(
    '',
    '## Near me: rankByDistance, Node timings (ms per call)',
    '',
    '| features | rank all | nearest 20 | within 5 km |',
    '| --- | --- | --- | --- |'
  );
  for (const nm of report.nearMe) {
    row(
      `${nm.label}: ${nm.features.toLocaleString('en')}`,
      formatSummary(nm.all, 2),
      formatSummary(nm.nearest20, 2),
      formatSummary(nm.within5km, 2)
    );
  }
  lines.push(
    '',
    '## Budgets (bench/budgets.json)',
    '',
    '| budget | limit | measured | holds |',
    '| --- | --- | --- | --- |'
  );
  for (const b of report.budgets) {
    const value =
      b.measured === null
        ? 'n/a'
        : b.unit === '×'
          ? `${b.measured.toFixed(2)}×`
          : `${b.measured.toFixed(1)} ${b.unit}`;
    const limit = b.unit === '×' ? `${b.op} ${b.limit}×` : `${b.op} ${b.limit} ${b.unit}`;
    const holds = b.holds === null ? 'n/a' : b.holds ? 'yes' : '**no**';
    row(b.label, limit, b.note ? `${value} (${b.note})` : value, holds);
  }
  lines.push(
    '',
    '## Largest files of a first visit (site, by gzip)',
    '',
    '| file | phase | raw kB | gzip kB | brotli kB |',
    '| --- | --- | --- | --- | --- |'
  );
  for (const f of site.bytes.files.slice(0, 8)) {
    row(
      `\`${f.path}\``,
      f.kind === 'js' ? f.phase : f.kind,
      kB(f.raw).toFixed(1),
      kB(f.gzip).toFixed(1),
      kB(f.brotli).toFixed(1)
    );
  }
  if (report.problems.length > 0) {
    lines.push('', '## Problems seen during the runs', '');
    for (const p of report.problems.slice(0, 30)) lines.push(`- ${p}`);
    if (report.problems.length > 30)
      lines.push(`- … and ${report.problems.length - 30} more (see latest.json)`);
  }
  return `${lines.join('\n')}\n`;
}

interface Report {
  generatedAt: string;
  config: {
    runs: number;
    syntheticRuns: number;
    syntheticFeatures: number;
    hoverSamplesPerRun: number;
    viewport: typeof VIEWPORT;
    chromiumArgs: string[];
    tour: BenchTourStep[];
    compression: string;
  };
  machine: ReturnType<typeof machine>;
  chromium: string;
  summary: Record<TargetName, TargetSummary>;
  ratios: Record<string, number | null>;
  budgets: BudgetResult[];
  nearMe: NearMeTiming[];
  runs: Record<TargetName, RunResult[]>;
  problems: string[];
  /** 1, 5 and 15-minute load averages before and after: other work on the machine skews every figure. */
  loadAverage: { start: number[]; end: number[] };
  durationS: number;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install one (apt-get install chromium) or set CHROMIUM_PATH`
    );
  }
  mkdirSync(WORK, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  buildSite();
  await buildReference();

  const features = JSON.parse(
    readFileSync(join(SITE, 'data', 'features.geojson'), 'utf8')
  ) as FeatureCollection;
  log(`generating ${SYNTHETIC_FEATURES.toLocaleString('en')} synthetic features`);
  const synthetic = syntheticFeatures(SYNTHETIC_FEATURES);
  writeFileSync(join(WORK, 'synthetic.geojson'), JSON.stringify(synthetic));

  log('near me: timing rankByDistance in Node');
  const nearMe = [
    timeNearMe(
      'Plan features (build/data/features.geojson)',
      features.features as Feature<Geometry | null>[],
      300
    ),
    timeNearMe('Synthetic', synthetic.features, 10)
  ];

  const benchMount: Mount = { prefix: '/__bench/', dir: WORK };
  const servers: Record<TargetName, StaticServer> = {
    site: new StaticServer([benchMount, { prefix: '/', dir: SITE }]),
    reference: new StaticServer([
      benchMount,
      { prefix: '/geo/', dir: join(SITE, 'geo') },
      { prefix: '/fonts/', dir: join(SITE, 'fonts') },
      { prefix: '/data/', dir: join(SITE, 'data') },
      { prefix: '/', dir: REFERENCE_OUT }
    ])
  };
  const origins = { site: await servers.site.start(), reference: await servers.reference.start() };
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true
  });
  const script = instrumentScript();
  const problems: string[] = [];
  const runs: Record<TargetName, RunResult[]> = { site: [], reference: [] };
  const targets = hoverTargets(features);
  try {
    log(`Chromium ${browser.version()}; warming up`);
    for (const target of ['site', 'reference'] as const) {
      const visit = await Visit.open(browser, script, problems, `${target} warm-up`);
      await visit.load(origins[target]).finally(() => visit.close());
    }
    for (let run = 0; run < RUNS; run++) {
      // Alternate which page goes first, so neither always runs on a fresher machine.
      const order: TargetName[] = run % 2 === 0 ? ['site', 'reference'] : ['reference', 'site'];
      for (const target of order) {
        const t0 = Date.now();
        const result = await measureRun(
          browser,
          script,
          target,
          servers[target],
          origins[target],
          run,
          run < SYNTHETIC_RUNS,
          targets,
          problems
        );
        runs[target].push(result);
        log(
          `run ${run + 1}/${RUNS} ${target}: ready ${result.readyMs?.toFixed(0)} ms, tour ${result.tour.fps.toFixed(1)} fps` +
            (result.synthetic ? `, synthetic ${result.synthetic.fps.toFixed(1)} fps` : '') +
            ` (${((Date.now() - t0) / 1000).toFixed(0)} s)`
        );
      }
    }
    const chromiumVersion = browser.version();
    const summary = { site: summariseTarget(runs.site), reference: summariseTarget(runs.reference) };
    for (const target of ['site', 'reference'] as const) {
      const totals = new Set(runs[target].map((r) => r.bytes.total.raw));
      if (totals.size > 1)
        problems.push(`${target}: first-visit bytes differed between runs: ${[...totals].join(', ')}`);
    }
    const { results: budgets, ratios } = checkBudgets(summary.site, summary.reference, nearMe[0]!);
    const report: Report = {
      generatedAt: new Date().toISOString(),
      config: {
        runs: RUNS,
        syntheticRuns: SYNTHETIC_RUNS,
        syntheticFeatures: SYNTHETIC_FEATURES,
        hoverSamplesPerRun: HOVER_SAMPLES,
        viewport: VIEWPORT,
        chromiumArgs: CHROMIUM_ARGS,
        tour: TOUR,
        compression: 'computed by the benchmark with node:zlib: gzip level 6, brotli quality 11'
      },
      machine: machine(),
      chromium: chromiumVersion,
      summary,
      ratios,
      budgets,
      nearMe,
      runs,
      problems,
      loadAverage: { start: loadAtStart, end: loadavg() },
      durationS: Math.round((Date.now() - started) / 1000)
    };
    const md = markdown(report);
    writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(RESULTS, 'latest.md'), md);
    console.log(`\n${md}`);
    for (const b of budgets) {
      const mark = b.holds === null ? 'N/A ' : b.holds ? 'HOLDS' : 'FAILS';
      console.log(
        `[budget] ${mark}  ${b.label}: ${b.measured === null ? 'n/a' : b.measured.toFixed(2)} ${b.unit} (${b.op} ${b.limit})`
      );
    }
    if (problems.length > 0)
      console.log(`[bench] ${problems.length} problem(s) seen during the runs; see latest.md`);
    log(`results in bench/results/latest.{json,md} (${report.durationS} s)`);
  } finally {
    await browser.close();
    await Promise.all([servers.site.stop(), servers.reference.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
