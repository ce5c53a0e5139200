/**
 * Reading a curated JSON file of records: one place for "not JSON" and "fails the schema" errors, so every
 * such file reports its problems the same way — the file, the entry number and the field.
 */
import type { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';

/** Parses `text` as JSON and validates it; `what` names a record in the message ("line record"). */
export function parseJsonRecords<Schema extends z.ZodType>(
  text: string,
  file: string,
  schema: Schema,
  what: string
): z.infer<Schema> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 'JSON', 'not valid JSON', (error as Error).message);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Name the record by the first array index on the path (top-level arrays and `{ outcomes: [...] }` alike).
    const fullPath = issue?.path ?? [];
    const at = fullPath.findIndex((part) => typeof part === 'number');
    const index = at >= 0 ? (fullPath[at] as number) : undefined;
    const path = at >= 0 ? fullPath.slice(at + 1) : fullPath;
    throw new DataError(
      file,
      index !== undefined ? `entry ${index + 1}` : 'top level',
      `${what} fails the schema`,
      `${path.join('.') || '(record)'}: ${issue?.message}`
    );
  }
  return parsed.data;
}
