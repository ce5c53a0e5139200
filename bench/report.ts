/** The report: the machine measured on, and the Markdown tables written to bench/results/latest.md. */
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT, VIEWPORT, type TargetName } from './config';
import { kB, type Bytes, type VisitBytes } from './bytes';
import type { NearMeTiming } from './near-me';
import { formatSummary, type Summary } from './stats';
import type { BudgetResult, TargetSummary } from './summary';
import type { RunResult } from './visit';
import { readFileSync } from 'node:fs';

export function machine() {
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

export function markdown(report: Report): string {
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

export interface Report {
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
