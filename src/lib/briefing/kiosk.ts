/**
 * The kiosk loop: advances the briefing every `intervalMs`; any interaction pauses it, and after
 * `quietMs` with no further interaction it resumes (a full interval before the next slide). Timers are
 * passed in so the loop can be tested with a fake clock.
 */
export type KioskState = 'off' | 'running' | 'paused';

export interface KioskTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface KioskOptions {
  intervalMs: number;
  quietMs: number;
  onAdvance: () => void;
  onState?: (state: KioskState) => void;
  timers?: KioskTimers;
}

/** Seconds from a URL parameter, within bounds, or the default when absent or unusable. */
export function secondsParam(value: string | null, fallback: number, min = 0.5, max = 3600): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export class KioskLoop {
  #state: KioskState = 'off';
  #handle: unknown = null;
  readonly #timers: KioskTimers;

  constructor(private readonly options: KioskOptions) {
    this.#timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
    };
  }

  get state(): KioskState {
    return this.#state;
  }

  #set(state: KioskState): void {
    this.#state = state;
    this.options.onState?.(state);
  }

  #clear(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
  }

  #scheduleAdvance(): void {
    this.#clear();
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      if (this.#state !== 'running') return;
      this.options.onAdvance();
      this.#scheduleAdvance();
    }, this.options.intervalMs);
  }

  start(): void {
    this.#set('running');
    this.#scheduleAdvance();
  }

  stop(): void {
    this.#clear();
    this.#set('off');
  }

  toggle(): void {
    if (this.#state === 'off') this.start();
    else this.stop();
  }

  /** Someone touched the screen, the mouse or a key: pause, and resume after a quiet period. */
  interact(): void {
    if (this.#state === 'off') return;
    this.#clear();
    if (this.#state !== 'paused') this.#set('paused');
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      this.#set('running');
      this.#scheduleAdvance();
    }, this.options.quietMs);
  }
}
