/**
 * The main thread's side of the importer: sends files one at a time to a worker (import.worker.ts), reports
 * progress, gives each file a deadline and honours an AbortSignal. A file that overruns its deadline (shpjs
 * or a DOM parser that never returns, a pathological input) gets a 'timeout' error and its worker is ended;
 * the next file starts on a fresh worker. Cancelling ends the worker and rejects with an AbortError, so no
 * part of the batch is kept.
 */
import { describe } from './messages';
import {
  DEFAULT_BUDGET,
  type Budget,
  type CrsId,
  type ImportError,
  type ImportFile,
  type ImportLayer,
  type ImportResult,
  type Station
} from './types';

/** Options that travel to the worker (everything but the XML parser, which the worker supplies). */
export interface WorkerImportOptions {
  budget?: Partial<Budget>;
  crs?: CrsId;
  swapXY?: boolean;
  stations?: readonly Station[];
}

export interface WorkerRequest {
  id: number;
  file: ImportFile;
  options: WorkerImportOptions;
}

/**
 * The worker's answer to one file: its layers (their features sent ahead in parts), or its error. A part
 * carries some of one layer's features: a structured clone is read on the main thread when the message
 * arrives, and one message of 200,000 features would hold it for seconds; parts are read one task each.
 */
export type WorkerResponse = { id: number } & (
  | { layers: ImportLayer[] }
  | { error: ImportError }
  | { part: { layer: number; features: ImportLayer['features']['features'] } }
);

/** Features per part of an answer (about 50 ms of reading on the main thread of a slow machine). */
export const FEATURES_PER_PART = 2_000;

/** The part of a Worker the client uses, so that tests can stand in for one. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ImportProgress {
  /** Files finished so far (imported or failed). */
  done: number;
  total: number;
  /** The file now being read, or the one just finished when `done === total`. */
  file: string;
}

export interface ImportClientOptions extends WorkerImportOptions {
  /** Milliseconds one file may take in the worker. */
  deadlineMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  createWorker?: () => WorkerLike;
}

export const DEFAULT_DEADLINE_MS = 60_000;

/**
 * A browser File (or any Blob with a name) as the importer's input. A file over the size budget is not
 * read at all (reading a file of gigabytes fails, or takes the page's memory, and loses the whole batch):
 * it goes on with its size alone, and the importer refuses it naming the budget.
 */
export async function fromBlob(
  file: Blob & { name: string },
  maxBytes: number = DEFAULT_BUDGET.maxBytes
): Promise<ImportFile> {
  if (file.size > maxBytes) return { name: file.name, bytes: new Uint8Array(0), size: file.size };
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module'
  }) as unknown as WorkerLike;
}

function abortError(): Error {
  return typeof DOMException === 'function'
    ? new DOMException('The import was cancelled', 'AbortError')
    : Object.assign(new Error('The import was cancelled'), { name: 'AbortError' });
}

function failure(
  file: string,
  code: ImportError['code'],
  params: Record<string, string | number>
): ImportError {
  return { file, code, params, message: describe(file, code, undefined, params) };
}

/** Imports `files` in a worker, one after another; resolves with every layer and error, or rejects when cancelled. */
export async function importInWorker(
  files: readonly ImportFile[],
  options: ImportClientOptions = {}
): Promise<ImportResult> {
  const {
    deadlineMs = DEFAULT_DEADLINE_MS,
    signal,
    onProgress,
    createWorker = defaultWorker,
    ...workerOptions
  } = options;
  if (signal?.aborted) throw abortError();
  const result: ImportResult = { layers: [], errors: [] };
  let worker: WorkerLike | null = null;
  let nextId = 1;
  try {
    for (const [index, file] of files.entries()) {
      onProgress?.({ done: index, total: files.length, file: file.name });
      worker ??= createWorker();
      const w: WorkerLike = worker;
      const id = nextId++;
      const outcome = await new Promise<WorkerResponse | 'timeout' | 'crashed'>((resolve, reject) => {
        const timer = setTimeout(() => finish('timeout'), deadlineMs);
        const onAbort = () => {
          clearTimeout(timer);
          reject(abortError());
        };
        function finish(value: WorkerResponse | 'timeout' | 'crashed') {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        const parts: ImportLayer['features']['features'][][] = [];
        w.onmessage = (event) => {
          const data = event.data;
          if (data.id !== id) return;
          if ('part' in data) (parts[data.part.layer] ??= []).push(data.part.features);
          else if ('layers' in data)
            finish({
              id,
              layers: data.layers.map((layer, i) =>
                parts[i] ? { ...layer, features: { ...layer.features, features: parts[i].flat() } } : layer
              )
            });
          else finish(data);
        };
        w.onerror = () => finish('crashed');
        // The bytes are copied, not transferred: the caller's files stay usable (e.g. to retry in another system).
        w.postMessage({
          id,
          file: {
            name: file.name,
            bytes: file.bytes,
            ...(file.size === undefined ? {} : { size: file.size })
          },
          options: workerOptions
        });
      });
      if (outcome === 'timeout' || outcome === 'crashed') {
        w.terminate();
        worker = null;
        result.errors.push(
          outcome === 'timeout'
            ? failure(file.name, 'timeout', { seconds: Math.round(deadlineMs / 100) / 10 })
            : failure(file.name, 'internal', { detail: 'the reader stopped unexpectedly' })
        );
      } else if ('error' in outcome) result.errors.push(outcome.error);
      else if ('layers' in outcome) result.layers.push(...outcome.layers);
    }
    onProgress?.({ done: files.length, total: files.length, file: files[files.length - 1]?.name ?? '' });
    return result;
  } finally {
    worker?.terminate();
  }
}
