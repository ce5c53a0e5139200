/// <reference lib="webworker" />
/**
 * Prepares a user's layer off the main thread: GeoJSON in, levels of detail as flat binary arrays out
 * (transferred, not copied); and, for a style by property, each level's colours as binary attributes with
 * the legend. The worker keeps each layer's features and which feature every drawn part belongs to, so a
 * new style costs one message, not the whole layer again.
 */
import { buildLod, levelColours, lodTransferables, type UserLod } from './user-lod';
import type { UserDataRequest, UserDataResponse } from './user-data-protocol';
import { classify, featureColours } from '$lib/user/style';
import { bboxOf } from '$lib/user/layers-core';

const kept = new Map<string, { data: GeoJSON.FeatureCollection; lod: UserLod }>();
/** Features sent in parts, per layer, until its 'build'. */
const parts = new Map<string, GeoJSON.Feature[][]>();
const post = (message: UserDataResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<UserDataRequest>) => {
  const request = event.data;
  const { id } = request;
  try {
    if (request.type === 'drop') {
      kept.delete(request.key);
      parts.delete(request.key);
      return;
    }
    if (request.type === 'part') {
      parts.set(request.key, [...(parts.get(request.key) ?? []), request.features]);
      return;
    }
    let layer = kept.get(request.key);
    if (request.type === 'feature') {
      // A picked part: which feature it belongs to, and that feature's properties (only the one asked for
      // crosses to the main thread).
      const n = layer?.lod.levels[request.level]?.featureOf[request.family][request.index];
      const f = n === undefined ? undefined : layer!.data.features[n];
      if (!f) throw new Error('no such feature');
      const bbox = bboxOf({ type: 'FeatureCollection', features: [f] });
      post({ id, feature: { index: n!, properties: { ...(f.properties ?? {}) }, bbox } });
      return;
    }
    let lod: UserLod | undefined;
    if (request.type === 'build') {
      const sent = request.parts === undefined ? undefined : parts.get(request.parts);
      if (request.parts !== undefined) parts.delete(request.parts);
      const data = sent ? { ...request.data, features: sent.flat() } : request.data;
      const built = buildLod(data);
      // Only the worker needs which feature each part belongs to; the map gets the levels without it.
      lod = {
        ...built,
        levels: built.levels.map((level) => ({
          ...level,
          featureOf: { points: new Uint32Array(0), lines: new Uint32Array(0), polygons: new Uint32Array(0) }
        }))
      };
      layer = { data, lod: built };
      if (request.key) kept.set(request.key, layer);
    }
    if (!layer) throw new Error('the layer is no longer prepared');
    if (!request.style || request.style.kind === 'single') {
      post({ id, lod }, lod ? lodTransferables(lod) : []);
      return;
    }
    const classified = classify(layer.data, request.style);
    const rgb = featureColours(classified);
    const colours = layer.lod.levels.map((level) => levelColours(level, rgb));
    post({ id, lod, colours, legend: classified.legend }, [
      ...(lod ? lodTransferables(lod) : []),
      ...colours.flatMap((c) => [c.points.buffer, c.lines.buffer, c.polygons.buffer] as ArrayBuffer[])
    ]);
  } catch (error) {
    post({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
