/**
 * The benchmark's settings (from the environment), paths, the viewport and the tour: shared by every stage.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../scripts/find-chromium.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH = join(ROOT, 'bench');
export const WORK = join(BENCH, '.work');
/** The site is measured from a copy of its build, so that a rebuild by someone else mid-run changes nothing. */
export const SITE = join(WORK, 'site');
export const REFERENCE_OUT = join(WORK, 'reference');
export const RESULTS = join(BENCH, 'results');

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}: ${raw}`);
  return value;
}

export const RUNS = envInt('BENCH_RUNS', 5, 1);
export const SYNTHETIC_RUNS = Math.min(RUNS, envInt('BENCH_SYNTHETIC_RUNS', 1, 0));
export const SYNTHETIC_FEATURES = envInt('BENCH_SYNTHETIC_FEATURES', 200_000, 1);
export const HOVER_SAMPLES = envInt('BENCH_HOVER_SAMPLES', 3, 0);
/** Another build of the site to measure (an experiment, say); implies no build. */
export const SITE_BUILD = resolve(ROOT, process.env.BENCH_SITE_BUILD ?? 'build');
/** BENCH_ONLY=bytes: one visit per page, the first-visit bytes and their two budgets only; nothing written. */
export const BYTES_ONLY = process.env.BENCH_ONLY === 'bytes';
if (process.env.BENCH_ONLY !== undefined && !BYTES_ONLY)
  throw new Error(`BENCH_ONLY must be "bytes" or unset: ${process.env.BENCH_ONLY}`);
export const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === '1' || process.env.BENCH_SITE_BUILD !== undefined;
export const CHROMIUM_PATH = findChromium() ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 720 };
export const SYNTHETIC_PATH = '/__bench/synthetic.geojson';
export const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/** Where the tour starts and ends: the whole municipality. */
export const TOUR_START = { center: [120.2, 36.35] as [number, number], zoom: 8.8 };

/** The pan-and-zoom tour over Qingdao, 10 s in all: old town, across the bay, the airport, Laoshan, out. */
export const TOUR: BenchTourStep[] = [
  { center: [120.38, 36.07], zoom: 11, duration: 2000 },
  { center: [120.33, 36.09], zoom: 12.5, duration: 1500 },
  { center: [120.2, 35.96], zoom: 11.5, duration: 1500 },
  { center: [120.45, 36.3], zoom: 11, duration: 2000, fly: true },
  { center: [120.6, 36.2], zoom: 10, duration: 1500 },
  { ...TOUR_START, duration: 1500, fly: true }
];

export type TargetName = 'site' | 'reference';

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}
