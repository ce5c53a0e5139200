/**
 * `npm run bench`: builds the site and a MapLibre-only reference page, serves both locally, and measures
 * them in headless Chromium over several runs; then prints a table, checks bench/budgets.json, and writes
 * bench/results/latest.json and latest.md. A benchmark, not a test: it exits 0 whether budgets hold or not,
 * and non-zero only when it could not measure.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SYNTHETIC_RUNS (runs that also draw the synthetic layer;
 * default 1), BENCH_SYNTHETIC_FEATURES (default 200000), BENCH_HOVER_SAMPLES (per run, default 3),
 * BENCH_SKIP_BUILD=1 (measure the existing build/), BENCH_SITE_BUILD=dir (measure another build of the site,
 * e.g. an experiment), BENCH_ONLY=bytes (one visit per page: the first-visit bytes, their two budgets and the
 * site's JS files are printed, nothing is written), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../scripts/find-chromium.js';
import { buildReference, buildSite, instrumentScript } from './build';
import {
  BYTES_ONLY,
  BENCH,
  CHROMIUM_PATH,
  HOVER_SAMPLES,
  REFERENCE_OUT,
  RESULTS,
  RUNS,
  SITE,
  SYNTHETIC_FEATURES,
  SYNTHETIC_RUNS,
  TOUR,
  VIEWPORT,
  WORK,
  log,
  type TargetName
} from './config';
import { timeNearMe } from './near-me';
import { machine, markdown, type Report } from './report';
import { StaticServer, type Mount } from './server';
import { checkBudgets, summariseTarget } from './summary';
import { syntheticFeatures } from './synthetic';
import { Visit, hoverTargets, loadAndCountBytes, measureRun, type RunResult } from './visit';
import { kB, type VisitBytes } from './bytes';

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
  if (BYTES_ONLY) return bytesOnly();

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

/** BENCH_ONLY=bytes: the two JS budgets from one visit of each page, without the tours. */
async function bytesOnly(): Promise<void> {
  const benchMount: Mount = { prefix: '/__bench/', dir: WORK };
  const budgets = JSON.parse(readFileSync(join(BENCH, 'budgets.json'), 'utf8')) as Record<
    string,
    { label: string; limit: number }
  >;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true
  });
  const script = instrumentScript();
  const problems: string[] = [];
  const bytes: Partial<Record<TargetName, VisitBytes>> = {};
  try {
    for (const target of ['site', 'reference'] as const) {
      const server = new StaticServer(
        target === 'site'
          ? [benchMount, { prefix: '/', dir: SITE }]
          : [
              benchMount,
              { prefix: '/geo/', dir: join(SITE, 'geo') },
              { prefix: '/fonts/', dir: join(SITE, 'fonts') },
              { prefix: '/data/', dir: join(SITE, 'data') },
              { prefix: '/', dir: REFERENCE_OUT }
            ]
      );
      const origin = await server.start();
      const visit = await Visit.open(browser, script, problems, target);
      try {
        bytes[target] = (await loadAndCountBytes(visit, server, origin, problems, target)).bytes;
      } finally {
        await visit.close();
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const site = bytes.site!;
  const reference = bytes.reference!;
  for (const f of site.files.filter((file) => file.kind === 'js'))
    console.log(`${f.phase.padEnd(7)} ${kB(f.gzip).toFixed(1).padStart(7)} kB gzip  ${f.path}`);
  const line = (id: string, a: number, b: number) =>
    console.log(
      `[budget] ${a / b <= budgets[id]!.limit ? 'HOLDS' : 'FAILS'}  ${budgets[id]!.label}: ` +
        `${(a / b).toFixed(3)} (${kB(a).toFixed(1)} kB vs ${kB(b).toFixed(1)} kB; ≤ ${budgets[id]!.limit})`
    );
  line('js-before-first-frame', site.jsInitial.gzip, reference.jsInitial.gzip);
  line('first-visit-js', site.byKind.js.gzip, reference.byKind.js.gzip);
  for (const problem of problems) console.log(`[bench] problem: ${problem}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
