/**
 * A large layer imports without freezing the page: every main-thread task over 50 ms while a generated
 * GeoJSON is imported, drawn and kept (the long tasks the browser reports, with the scripts the Long
 * Animation Frames API names for each frame that held one), printed for the record. The bar is no
 * task over 200 ms for 50 MB / 200,000 features; the test imports a quarter of that (15 MB, 50,000
 * features, about 20 s on a 2-core machine; LARGE_FEATURES sets another size) and holds it to the bar.
 *
 * The import worker's answer comes in parts (under 50 ms each), the store writes the layer in parts, and
 * the programs a user's layer is drawn with are built at idle after the map's start (plan-overlay.ts warm),
 * where the layer's first draw took 0.7 to 2.2 s before. Software WebGL makes every frame a long task (the
 * compositor reads the canvas back): the test measures a plain frame first (fixtures.ts frameCost) and
 * holds the import to the larger of the bar and twice that frame. LARGE_TRACE=file.json
 * writes a Chromium trace of the import.
 */
import type { Page } from '@playwright/test';
import { test, expect, frameCost, waitForMap } from './fixtures';

/** Features in the generated file, and roughly 250 bytes each (50 MB / 200,000). */
const FEATURES = Number(process.env.LARGE_FEATURES ?? 50_000);

function largeGeoJson(n: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    // A grid over the urban districts, with properties of the size a survey's attributes have.
    const lon = 120.2 + (i % 400) * 0.0008;
    const lat = 36.05 + Math.floor(i / 400) * 0.0008;
    parts.push(
      JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [Number(lon.toFixed(6)), Number(lat.toFixed(6))] },
        properties: {
          id: i,
          name: `测点 ${i}`,
          kind: ['住宅', '商业', '工业', '绿地'][i % 4],
          height: (i * 7) % 120,
          address: `青岛市市南区某某路 ${i % 500} 号`,
          surveyed: '2024-05-01',
          note: 'x'.repeat(60)
        }
      })
    );
  }
  return Buffer.from(`{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}`);
}

interface Seen {
  longTasks: { start: number; duration: number }[];
  frames: { start: number; duration: number; blocking: number; scripts: string[] }[];
}

async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const seen: Seen = { longTasks: [], frames: [] };
    (window as unknown as { __seen: Seen }).__seen = seen;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        seen.longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as {
          startTime: number;
          duration: number;
          blockingDuration: number;
          scripts: {
            duration: number;
            invoker: string;
            sourceURL: string;
            sourceFunctionName: string;
            sourceCharPosition: number;
          }[];
        }[]) {
          if (e.blockingDuration <= 0) continue;
          seen.frames.push({
            start: Math.round(e.startTime),
            duration: Math.round(e.duration),
            blocking: Math.round(e.blockingDuration),
            scripts: e.scripts
              .filter((s) => s.duration >= 20)
              .map(
                (s) =>
                  `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceFunctionName || '?'} ` +
                  `${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}`
              )
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // Without the Long Animation Frames API the long tasks are still counted, without their scripts.
    }
  });
}

test('importing a large GeoJSON keeps every main-thread task short', async ({ page }) => {
  test.setTimeout(180_000);
  await watchLongTasks(page);
  const file = largeGeoJson(FEATURES);
  await page.goto('/?lang=en');
  await waitForMap(page);
  // The programs a user's layer draws with are built at idle after the map's start (plan-overlay.ts warm):
  // frameCost waits for that, then times a plain frame of the map.
  const frame = await frameCost(page);
  // Only what the import causes counts: the page's own start is over.
  const from = await page.evaluate(() => performance.now());
  // LARGE_TRACE=file.json records a Chromium trace of the import, to find what a long task did.
  const trace = process.env.LARGE_TRACE;
  if (trace)
    await page
      .context()
      .browser()!
      .startTracing(page, {
        path: trace,
        categories: (
          process.env.LARGE_TRACE_CATEGORIES ??
          'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink'
        ).split(',')
      });
  const started = Date.now();
  // The file reaches the page as a download (Playwright's setInputFiles would itself block the page for
  // seconds while it hands over 15 MB), then goes into the picker as the user's choice would.
  await page.route('**/__large.geojson', (route) =>
    route.fulfill({ body: file, contentType: 'application/geo+json' })
  );
  await page.evaluate(async () => {
    const blob = await (await fetch('/__large.geojson')).blob();
    const input = document.querySelector<HTMLInputElement>('[data-testid=import-input]')!;
    const files = new DataTransfer();
    files.items.add(new File([blob], 'large.geojson', { type: 'application/geo+json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByTestId('import-added')).toContainText(
    `${FEATURES.toLocaleString('en-US')} features`,
    { timeout: 150_000 }
  );
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const states = (await window.qingdaoPlanMap!.userLayerSet()).states();
          return states.length;
        }),
      { timeout: 60_000 }
    )
    .toBe(1);
  // Kept: a reload finds it (the write has finished).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('qingdao-plan-map:user-layers')), {
      timeout: 60_000
    })
    .toBe('1');
  // A second for the last frames to be reported.
  await page.waitForTimeout(1000);
  const elapsed = Date.now() - started;
  if (trace) await page.context().browser()!.stopTracing();
  const seen = await page.evaluate((t0) => {
    const s = (window as unknown as { __seen: Seen }).__seen;
    return {
      longTasks: s.longTasks.filter((e) => e.start >= t0),
      frames: s.frames.filter((e) => e.start >= t0)
    };
  }, from);
  const longest = Math.max(0, ...seen.longTasks.map((e) => e.duration));
  console.log(
    JSON.stringify(
      {
        features: FEATURES,
        megabytes: +(file.length / 1e6).toFixed(1),
        seconds: +(elapsed / 1000).toFixed(1),
        longest,
        frame,
        longTasks: seen.longTasks,
        frames: seen.frames.filter((f) => f.blocking >= 50)
      },
      null,
      1
    )
  );
  // The bar: no task over 200 ms (at four times this size); where a plain frame of the map takes
  // longer (software WebGL on a loaded machine), twice that frame (import-responsive.spec.ts barFor).
  const bar = Math.max(Number(process.env.LARGE_BUDGET_MS ?? 200), 2 * frame);
  expect(
    longest,
    `the longest main-thread task while importing, in ms (a plain frame: ${frame} ms)`
  ).toBeLessThan(bar);
});
