/**
 * Runs in the benchmarked page before any of its own scripts (Playwright's addInitScript). bench/run.ts
 * transpiles it to a plain script: it must stay free of imports and exports.
 *
 * It timestamps the first WebGL draw into the MapLibre canvas and the page's readiness markers, and gives
 * the benchmark in-page procedures (tour, hover and search probes) whose clocks are the page's own, so
 * that the DevTools protocol's round trips never land in a measurement. All times are milliseconds of
 * `performance.now()`, whose zero is the start of navigation.
 */

(() => {
  const marks: BenchMarks = { firstMapFrame: null, overlayReady: null, ready: null };

  // The first frame: wrap the draw calls until MapLibre's canvas receives one, then put them back so the
  // frame-rate tour runs on untouched WebGL.
  const drawCalls = ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced'] as const;
  const restore: (() => void)[] = [];
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of drawCalls) {
      const target = proto as unknown as Record<string, unknown>;
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function (this: WebGLRenderingContext, ...args: unknown[]) {
        const canvas = this.canvas;
        if (
          marks.firstMapFrame === null &&
          canvas instanceof HTMLCanvasElement &&
          canvas.classList.contains('maplibregl-canvas')
        ) {
          marks.firstMapFrame = performance.now();
          for (const undo of restore) undo();
        }
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
      restore.push(() => {
        target[name] = original;
      });
    }
  }

  const container = () => document.querySelector<HTMLElement>('[data-testid=map]');
  const readiness = new MutationObserver(() => {
    const el = container();
    if (!el) return;
    const now = performance.now();
    if (marks.overlayReady === null && el.dataset.overlay === 'ready') marks.overlayReady = now;
    if (marks.ready === null && el.dataset.overlay === 'ready' && el.dataset.idle === 'true') {
      marks.ready = now;
      readiness.disconnect();
    }
  });
  readiness.observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-overlay', 'data-idle']
  });

  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const api = () => {
    const surface = window.qingdaoPlanMap;
    if (!surface) throw new Error('window.qingdaoPlanMap is not there (is the overlay ready?)');
    return surface;
  };

  /**
   * Resolves once the map has its style, sources and tiles loaded and is not moving for two frames in a
   * row: whatever was added has been processed and drawn. (deck.gl processes new layer data synchronously
   * in setProps and draws it in the next frame.)
   */
  async function settle(timeoutMs: number): Promise<number> {
    const { map } = api();
    const start = performance.now();
    let steady = 0;
    while (performance.now() - start < timeoutMs) {
      await frame();
      steady = map.loaded() && map.areTilesLoaded() && !map.isMoving() ? steady + 1 : 0;
      if (steady >= 2) return performance.now() - start;
    }
    const state = `loaded ${map.loaded()}, tiles ${map.areTilesLoaded()}, moving ${map.isMoving()}`;
    throw new Error(`the map did not settle within ${timeoutMs} ms (${state})`);
  }

  async function tour(steps: BenchTourStep[]): Promise<BenchTourResult> {
    const { map } = api();
    let mapRenders = 0;
    const onRender = () => mapRenders++;
    map.on('render', onRender);
    const intervals: number[] = [];
    let running = true;
    let previous = -1;
    const tick = (t: number) => {
      if (previous >= 0) intervals.push(t - previous);
      previous = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const start = performance.now();
    // Where frames take seconds (a huge layer in software WebGL), the tour stops at its planned length
    // plus a little; the frames it did draw in that time give the rate.
    const planned = steps.reduce((sum, step) => sum + step.duration, 0);
    const deadline = start + planned + 2000;
    let completed = true;
    for (const step of steps) {
      const moved = new Promise<void>((resolve) => map.once('moveend', () => resolve()));
      const options = { center: step.center, zoom: step.zoom, duration: step.duration, essential: true };
      if (step.fly) map.flyTo(options);
      else map.easeTo(options);
      const late = await Promise.race([
        moved.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), deadline - performance.now()))
      ]);
      if (late || performance.now() > deadline) {
        completed = false;
        map.stop();
        break;
      }
    }
    // Count the frame in flight too: with frames of tens of seconds it may be the only one.
    await frame();
    const ms = performance.now() - start;
    running = false;
    map.off('render', onRender);
    const sorted = [...intervals].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      ms,
      rafFrames: intervals.length,
      mapRenders,
      p95FrameMs: at(0.95),
      maxFrameMs: at(1),
      completed
    };
  }

  async function addSynthetic(url: string, id: string): Promise<{ features: number; ms: number }> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const data = (await response.json()) as GeoJSON.FeatureCollection;
    const start = performance.now();
    // The site prepares the layer in a worker and resolves when it is handed to deck.gl; the reference
    // returns at once (MapLibre tiles the source on its own workers, which settle() waits for).
    await api().addUserData(id, data);
    await settle(180_000);
    return { features: data.features.length, ms: performance.now() - start };
  }

  async function jumpTo(center: [number, number], zoom: number): Promise<void> {
    const { map } = api();
    map.jumpTo({ center, zoom });
    await settle(30_000);
  }

  const tooltip = () => document.querySelector('[role=tooltip]');

  /**
   * Resolves a probe started by an input event: ms from the first handler that saw the event (`at`) to
   * the change in the document, and to the next frame, which paints it; and from the event's own
   * timestamp (when the browser created it, before it reached the page) to the change.
   */
  function settleProbe(at: number, stamp: number, done: (value: BenchProbe | null) => void): void {
    const now = performance.now();
    const ms = now - at;
    const fromEventMs = now - stamp;
    void frame().then(() => done({ ms, paintedMs: performance.now() - at, fromEventMs }));
  }

  function armHover(timeoutMs: number): Promise<BenchProbe | null> {
    return new Promise((resolve) => {
      let moved: { at: number; stamp: number } | null = null;
      const onMove = (event: PointerEvent | MouseEvent) => {
        moved ??= { at: performance.now(), stamp: event.timeStamp };
      };
      const done = (value: BenchProbe | null) => {
        observer.disconnect();
        clearTimeout(timer);
        window.removeEventListener('pointermove', onMove, true);
        window.removeEventListener('mousemove', onMove, true);
        resolve(value);
      };
      const observer = new MutationObserver(() => {
        if (moved === null || !tooltip()) return;
        observer.disconnect();
        settleProbe(moved.at, moved.stamp, done);
      });
      window.addEventListener('pointermove', onMove, true);
      window.addEventListener('mousemove', onMove, true);
      observer.observe(document.body, { childList: true, subtree: true });
      const timer = setTimeout(() => done(null), timeoutMs);
    });
  }

  /** The search results list: a plain list of links under the search box. */
  const RESULTS = '#search-results';

  /** Whether a mutation changed the results list, or added one. */
  function touchesResults(record: MutationRecord): boolean {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    if (target?.closest(RESULTS)) return true;
    return [...record.addedNodes].some(
      (node) => node instanceof Element && (node.matches(RESULTS) || node.querySelector(RESULTS) !== null)
    );
  }

  function armSearch(timeoutMs: number): Promise<BenchProbe | null> {
    return new Promise((resolve) => {
      let typed: { at: number; stamp: number } | null = null;
      const onKey = (event: Event) => {
        typed ??= { at: performance.now(), stamp: event.timeStamp };
      };
      const events = ['keydown', 'beforeinput', 'input'] as const;
      const done = (value: BenchProbe | null) => {
        observer.disconnect();
        clearTimeout(timer);
        for (const type of events) window.removeEventListener(type, onKey, true);
        resolve(value);
      };
      const observer = new MutationObserver((records) => {
        if (typed === null || !records.some(touchesResults)) return;
        observer.disconnect();
        settleProbe(typed.at, typed.stamp, done);
      });
      for (const type of events) window.addEventListener(type, onKey, true);
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true
      });
      const timer = setTimeout(() => done(null), timeoutMs);
    });
  }

  let pending: Promise<BenchProbe | null> = Promise.resolve(null);
  window.__bench = {
    marks,
    settle,
    tour,
    addSynthetic,
    jumpTo,
    armHover: (timeoutMs) => void (pending = armHover(timeoutMs)),
    tooltipShown: () => tooltip() !== null,
    armSearch: (timeoutMs) => void (pending = armSearch(timeoutMs)),
    probe: () => pending
  };
})();
