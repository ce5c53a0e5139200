/** Reading the curated source files: one place for "cannot read" and "not JSON" errors. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError } from '../../src/lib/data/data-error';

/** The text of `file` (relative to `root`), or a DataError naming it. */
export function readText(root: string, file: string): string {
  try {
    return readFileSync(resolve(root, file), 'utf8');
  } catch (error) {
    throw new DataError(file, 'file', 'cannot read', (error as Error).message);
  }
}

/** Parses JSON text, or throws a DataError naming the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 'JSON', 'not valid JSON', (error as Error).message);
  }
}
