/** The page globals the benchmark drives: the map page's scripting surface and the in-page probes. */

interface BenchMarks {
  /** First draw call into the MapLibre canvas: the first map frame. */
  firstMapFrame: number | null;
  /** `data-overlay="ready"` first set on the map container. */
  overlayReady: number | null;
  /** `data-overlay="ready"` and `data-idle="true"` both set: every plan layer drawn and the map idle. */
  ready: number | null;
}

interface BenchTourStep {
  center: [number, number];
  zoom: number;
  duration: number;
  fly?: boolean;
}

interface BenchTourResult {
  ms: number;
  rafFrames: number;
  mapRenders: number;
  /** 95th percentile and maximum of the intervals between animation frames. */
  p95FrameMs: number;
  maxFrameMs: number;
  /** False when frames were so slow that the tour was cut at its planned length plus 2 s. */
  completed: boolean;
}

/** Milliseconds from an input event to the document change it caused (see settleProbe in instrument.ts). */
interface BenchProbe {
  /** From the first handler that saw the event to the change. */
  ms: number;
  /** From the same handler to the next frame, which paints the change. */
  paintedMs: number;
  /** From the event's timestamp (its creation, before the page got it) to the change. */
  fromEventMs: number;
}

interface BenchApi {
  marks: BenchMarks;
  /** Resolves when the map is loaded, its tiles are in and it has not moved for two frames. */
  settle(timeoutMs: number): Promise<number>;
  tour(steps: BenchTourStep[]): Promise<BenchTourResult>;
  /** Fetches a FeatureCollection and adds it as a user layer; ms from the call until the map settles. */
  addSynthetic(url: string, id: string): Promise<{ features: number; ms: number }>;
  /** Centres the map on a position at a zoom and waits until it is idle again. */
  jumpTo(center: [number, number], zoom: number): Promise<void>;
  /** Arms a probe: from the next pointer move until `[role=tooltip]` is in the document, and painted. */
  armHover(timeoutMs: number): void;
  tooltipShown(): boolean;
  /**
   * Arms a probe: from the next key or input event until the results list (`#search-results`) changes, and
   * until that is painted; null when it does not change within the timeout.
   */
  armSearch(timeoutMs: number): void;
  /** The armed probe's result (armed in one call, read in a later one, so the input comes in between). */
  probe(): Promise<BenchProbe | null>;
}

interface Window {
  /** Mirrors src/app.d.ts: the app's scripting surface, which the reference page implements too. */
  qingdaoPlanMap?: {
    map: import('maplibre-gl').Map;
    addUserData: (id: string, data: GeoJSON.FeatureCollection, color?: string) => void;
    removeUserData: (id: string) => void;
  };
  /** Set by bench/page/instrument.ts. */
  __bench: BenchApi;
}
