/// <reference lib="webworker" />
/**
 * Imports one file per message off the main thread, with the browser's own DOMParser for KML and GPX.
 * The client (client.ts) sends the next file only after the answer to the last, and ends this worker
 * when a file runs past its deadline or the user cancels.
 */
import { importFile } from './import';
import type { WorkerRequest, WorkerResponse } from './client';

const parseXml = (text: string): Document => new DOMParser().parseFromString(text, 'application/xml');

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, file, options } = event.data;
  const result = importFile(file, { ...options, parseXml });
  const response: WorkerResponse = { id, ...result };
  (self as unknown as Worker).postMessage(response);
};
