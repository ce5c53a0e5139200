/**
 * Importing a planner's own files. `importInWorker` (main thread) runs `importFile` (pure) in a worker;
 * see types.ts for the result's shape and messages.ts for the texts.
 */
export { importFile, importFiles, reinterpret } from './import';
export { importInWorker, fromBlob, type ImportProgress, type ImportClientOptions } from './client';
export { suggestDatum } from './offset';
export { stationsFromFeatures } from './stations';
export { normaliseCrs } from './crs';
export type * from './types';
