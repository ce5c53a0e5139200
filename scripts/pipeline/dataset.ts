/**
 * The dataset-wide "as of" date (data/dataset.json): every dated fact in the published files comes from a
 * source published by then. Each public data file carries it, and the interface shows it.
 */
import { z } from 'zod';
import { asOfSchema } from '../../src/lib/plan/schema';
import { parseJsonRecords } from './json-records';
import { readText } from './read';

export const DATASET_FILE = 'data/dataset.json';

const datasetSchema = z.object({ as_of: asOfSchema, note_en: z.string().min(1) }).strict();
export type Dataset = z.infer<typeof datasetSchema>;

/** Reads and checks data/dataset.json. */
export function readDataset(root = process.cwd()): Dataset {
  return parseJsonRecords(readText(root, DATASET_FILE), DATASET_FILE, datasetSchema, 'dataset record');
}
