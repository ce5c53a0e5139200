/** Runs summarised per page, and the budgets of bench/budgets.json checked against them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH } from './config';
import { kB, type VisitBytes } from './bytes';
import type { NearMeTiming } from './near-me';
import { formatSummary, summarise, type Summary } from './stats';
import type { RunResult } from './visit';

export interface TargetSummary {
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

export function summariseTarget(runs: readonly RunResult[]): TargetSummary {
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

export interface Budget {
  label: string;
  op: '<=' | '<' | '>=' | '>';
  limit: number;
  unit: string;
}

export interface BudgetResult extends Budget {
  id: string;
  measured: number | null;
  holds: boolean | null;
  note: string;
}

export function checkBudgets(
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
  const bytesRatio = (pick: (v: VisitBytes) => number) =>
    pick(reference.bytes) > 0 ? pick(site.bytes) / pick(reference.bytes) : null;
  const kBCell = (pick: (v: VisitBytes) => number) =>
    `${kB(pick(site.bytes)).toFixed(1)} kB vs ${kB(pick(reference.bytes)).toFixed(1)} kB`;
  const measured: Record<string, { value: number | null; note: string }> = {
    'js-before-first-frame': {
      value: bytesRatio((v) => v.jsInitial.gzip),
      note: kBCell((v) => v.jsInitial.gzip)
    },
    'first-visit-js': {
      value: bytesRatio((v) => v.byKind.js.gzip),
      note: `${kBCell((v) => v.byKind.js.gzip)}; site: initial ${kB(site.bytes.jsInitial.gzip).toFixed(1)} kB + lazy ${kB(site.bytes.jsLazy.gzip).toFixed(1)} kB`
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
    'p95-frame': {
      value: ratio(site.p95FrameMs, reference.p95FrameMs),
      note: `${formatSummary(site.p95FrameMs)} ms vs ${formatSummary(reference.p95FrameMs)} ms`
    },
    hover: {
      value: site.hoverMs?.median ?? null,
      note: `pointer move to tooltip painted, n=${site.hoverMs?.n ?? 0}${site.hoverMisses ? `, ${site.hoverMisses} missed` : ''}`
    },
    'synthetic-drawn': {
      value: ratio(site.syntheticDrawnMs, reference.syntheticDrawnMs),
      note: `${formatSummary(site.syntheticDrawnMs)} ms vs ${formatSummary(reference.syntheticDrawnMs)} ms`
    },
    'synthetic-frame-rate': {
      value: ratios.syntheticFrameRate,
      note: `${formatSummary(site.syntheticFps, 2)} vs ${formatSummary(reference.syntheticFps, 2)} fps`
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
