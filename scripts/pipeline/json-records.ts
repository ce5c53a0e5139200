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
    const [index, ...path] = issue?.path ?? [];
    throw new DataError(
      file,
      typeof index === 'number' ? `entry ${index + 1}` : 'top level',
      `${what} fails the schema`,
      `${path.join('.') || '(record)'}: ${issue?.message}`
    );
  }
  return parsed.data;
}
