/// <reference lib="webworker" />
/**
 * Prepares a user's layer off the main thread: GeoJSON in, levels of detail as flat binary arrays out
 * (transferred, not copied).
 */
import { buildLod, lodTransferables } from './user-lod';

self.onmessage = (event: MessageEvent<{ id: number; data: GeoJSON.FeatureCollection }>) => {
  const { id, data } = event.data;
  try {
    const lod = buildLod(data);
    (self as unknown as Worker).postMessage({ id, lod }, lodTransferables(lod));
  } catch (error) {
    (self as unknown as Worker).postMessage({
      id,
      error: error instanceof Error ? error.message : String(error)
    });
  }
};
