/// <reference lib="webworker" />
/**
 * Imports one file per message off the main thread. Workers have no DOMParser: KML and GPX are read with
 * @xmldom/xmldom (xml-parser.ts).
 * The client (client.ts) sends the next file only after the answer to the last, and ends this worker
 * when a file runs past its deadline or the user cancels.
 */
import { importFile } from './import';
import type { WorkerRequest, WorkerResponse } from './client';
import { parseXml } from './xml-parser';

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, file, options } = event.data;
  const result = importFile(file, { ...options, parseXml });
  const response: WorkerResponse = { id, ...result };
  (self as unknown as Worker).postMessage(response);
};
