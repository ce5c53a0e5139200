/**
 * `npm run bench:lighthouse` (and the second half of `npm run bench`): Lighthouse 12.2.3, mobile preset with
 * simulated throttling, on the built site served as a static host serves it (gzip, immutable caching of
 * hashed files). Each page is audited LH_RUNS times (default 3); scores move by several points between runs
 * on a shared machine, so the best run of each category counts and every run is kept in the results.
 * Checks bench/lighthouse-budgets.json and writes bench/results/lighthouse.json and lighthouse.md. Like the
 * main benchmark it exits 0 whether the budgets hold or not, and non-zero only when it could not measure.
 *
 * Environment: LH_RUNS, LH_PAGES (comma-separated pages to audit instead of the default ones: any path of the
 * site with its query, e.g. `/,/targets?lang=en,reference:/`), LH_REPORTS=dir (also keep each run's full
 * Lighthouse report there, to see which tasks and elements a score comes from), BENCH_SKIP_BUILD=1 (audit
 * the existing build/), BENCH_SITE_BUILD=dir.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { CATEGORIES, auditPage, type Category, type PageAudit } from '../scripts/lighthouse-audit';
import { buildReference, buildSite } from './build';
import { BENCH, REFERENCE_OUT, RESULTS, SITE, WORK, log } from './config';
import { machine } from './report';
import { StaticServer } from './server';

const RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3) || 3);

/**
 * The pages measured: the map, an article with a mini map, one without, the index and the ledger, in Chinese
 * as prerendered and in English as a link with `?lang=en` opens it (the browser renders its entries then).
 */
const PAGES = ['/', '/articles/41', '/articles/1', '/articles', '/targets', '/targets?lang=en'] as const;
/**
 * The benchmark's MapLibre-only reference page, audited beside the map page: where WebGL is drawn in
 * software (no GPU, as on this machine and CI), map rendering dominates blocking time, and the reference's
 * score shows how much of the map page's is the map itself.
 */
const REFERENCE = 'reference:/';

interface LighthouseBudget {
  label: string;
  /** Pages it applies to; every measured page when absent. */
  pages?: string[];
  category: Category;
  min: number;
}

interface PageResult {
  path: string;
  runs: { scores: PageAudit['scores']; metrics: PageAudit['metrics']; failing: string[] }[];
  /** Best score of each category over the runs. */
  best: Partial<Record<Category, number>>;
}

/** The pages LH_PAGES names (a site path with its query, or `reference:/`), or else all of them. */
function pagesToAudit(): string[] {
  const only = process.env.LH_PAGES?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (!only) return [...PAGES, REFERENCE];
  for (const p of only)
    if (p !== REFERENCE && !p.startsWith('/'))
      throw new Error(`LH_PAGES: "${p}" is neither a path of the site (starting with /) nor ${REFERENCE}`);
  return only;
}

const REPORTS = process.env.LH_REPORTS ? resolve(process.env.LH_REPORTS) : null;

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  mkdirSync(WORK, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  if (REPORTS) mkdirSync(REPORTS, { recursive: true });
  buildSite();
  await buildReference();
  const server = new StaticServer([{ prefix: '/', dir: SITE }], { asHost: true });
  const reference = new StaticServer(
    [
      { prefix: '/geo/', dir: join(SITE, 'geo') },
      { prefix: '/fonts/', dir: join(SITE, 'fonts') },
      { prefix: '/data/', dir: join(SITE, 'data') },
      { prefix: '/', dir: REFERENCE_OUT }
    ],
    { asHost: true }
  );
  const origins = { site: await server.start(), reference: await reference.start() };
  const pages: PageResult[] = [];
  try {
    for (const path of pagesToAudit()) {
      const runs: PageResult['runs'] = [];
      const url = path === REFERENCE ? `${origins.reference}/` : `${origins.site}${path}`;
      for (let run = 1; run <= RUNS; run++) {
        log(`lighthouse ${path} run ${run}/${RUNS}`);
        const audit = await auditPage(url, CATEGORIES);
        if (REPORTS) {
          const name = `${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'map'}-run${run}.json`;
          writeFileSync(join(REPORTS, name), audit.report);
        }
        runs.push({
          scores: audit.scores,
          metrics: audit.metrics,
          failing: audit.failing.map((f) => `${f.category}/${f.id}`)
        });
      }
      const best: PageResult['best'] = {};
      for (const category of CATEGORIES)
        best[category] = Math.max(...runs.map((r) => r.scores[category] ?? 0));
      pages.push({ path, runs, best });
    }
  } finally {
    await server.stop();
    await reference.stop();
  }

  const budgets = JSON.parse(readFileSync(join(BENCH, 'lighthouse-budgets.json'), 'utf8')) as Record<
    string,
    LighthouseBudget
  >;
  const checks = Object.entries(budgets).flatMap(([id, budget]) =>
    pages
      .filter((p) => p.path !== REFERENCE && (!budget.pages || budget.pages.includes(p.path)))
      .map((p) => {
        const measured = p.best[budget.category] ?? 0;
        return {
          id,
          label: budget.label,
          path: p.path,
          min: budget.min,
          measured,
          holds: measured >= budget.min
        };
      })
  );
  for (const c of checks)
    log(`[budget] ${c.holds ? 'holds' : 'FAILS'}  ${c.label} ${c.path}: ${c.measured} (≥ ${c.min})`);

  const report = {
    date: new Date().toISOString(),
    lighthouse: '12.2.3',
    preset: 'mobile, simulated throttling (Lighthouse defaults)',
    runsPerPage: RUNS,
    machine: { ...machine(), loadAtStart, loadAtEnd: loadavg() },
    durationS: Math.round((Date.now() - started) / 1000),
    pages,
    checks
  };
  writeFileSync(join(RESULTS, 'lighthouse.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'lighthouse.md'), markdown(report));
  log(`wrote bench/results/lighthouse.json and lighthouse.md (${report.durationS} s)`);
}

const seconds = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(1);

function markdown(report: {
  date: string;
  runsPerPage: number;
  machine: ReturnType<typeof machine> & { loadAtStart: number[]; loadAtEnd: number[] };
  pages: PageResult[];
  checks: { label: string; path: string; min: number; measured: number; holds: boolean }[];
}): string {
  const lines = [
    `# Lighthouse 12.2.3 (mobile preset, simulated throttling)`,
    '',
    `${report.date}; best of ${report.runsPerPage} runs per page; load average ${report.machine.loadAtStart
      .map((l) => l.toFixed(1))
      .join(' ')} at start. Scores move by several points between runs on a shared machine; each run is in`,
    'lighthouse.json. LCP and TBT are from the run with the best performance score. `reference:/` is the',
    "benchmark's MapLibre-only page with the same basemap and features: without a GPU, WebGL is drawn in",
    'software on the main thread, and what it scores is about as far as any map page can go here.',
    '',
    '| page | performance | accessibility | best practices | SEO | FCP (s) | LCP (s) | TBT (ms) | CLS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'
  ];
  for (const page of report.pages) {
    const bestRun = page.runs.reduce((a, b) =>
      (b.scores.performance ?? 0) > (a.scores.performance ?? 0) ? b : a
    );
    const m = bestRun.metrics;
    lines.push(
      `| \`${page.path}\` | ${CATEGORIES.map((c) => page.best[c] ?? '–').join(' | ')} | ${seconds(m?.fcp)} | ${seconds(
        m?.lcp
      )} | ${m ? Math.round(m.tbt) : '–'} | ${m ? m.cls.toFixed(3) : '–'} |`
    );
  }
  lines.push('', '| budget | page | best | limit | holds |', '| --- | --- | --- | --- | --- |');
  for (const c of report.checks)
    lines.push(`| ${c.label} | \`${c.path}\` | ${c.measured} | ≥ ${c.min} | ${c.holds ? 'yes' : '**no**'} |`);
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
