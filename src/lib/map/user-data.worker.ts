/// <reference lib="webworker" />
/**
 * Prepares a user's layer off the main thread: GeoJSON in, flat binary arrays out (transferred, not copied).
 */
import { toBinary, transferables } from './user-data';

self.onmessage = (event: MessageEvent<{ id: number; data: GeoJSON.FeatureCollection }>) => {
  const { id, data } = event.data;
  try {
    const binary = toBinary(data);
    (self as unknown as Worker).postMessage({ id, binary }, transferables(binary));
  } catch (error) {
    (self as unknown as Worker).postMessage({
      id,
      error: error instanceof Error ? error.message : String(error)
    });
  }
};
