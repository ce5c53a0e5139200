/// <reference lib="webworker" />
/**
 * Imports one file per message off the main thread. Workers have no DOMParser: KML and GPX are read with
 * @xmldom/xmldom (xml-parser.ts).
 * The client (client.ts) sends the next file only after the answer to the last, and ends this worker
 * when a file runs past its deadline or the user cancels.
 */
import { importFile } from './import';
import { FEATURES_PER_PART, type WorkerRequest, type WorkerResponse } from './client';
import { bboxOf } from '$lib/user/layers-core';
import { propertySummary } from '$lib/user/style';
import { parseXml } from './xml-parser';

const post = (response: WorkerResponse) => (self as unknown as Worker).postMessage(response);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, file, options } = event.data;
  const result = importFile(file, { ...options, parseXml });
  if ('error' in result) {
    post({ id, ...result });
    return;
  }
  // The extent and the summary of properties are worked out here, and the features go in parts (client.ts
  // says why), then the layers without them.
  const layers = result.layers.map((layer, i) => {
    const { features } = layer.features;
    const summary = { bbox: bboxOf(layer.features), properties: propertySummary(layer.features) };
    for (let at = 0; at < features.length; at += FEATURES_PER_PART)
      post({ id, part: { layer: i, features: features.slice(at, at + FEATURES_PER_PART) } });
    return { ...layer, summary, features: { ...layer.features, features: [] } };
  });
  post({ id, layers });
};
