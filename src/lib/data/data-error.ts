/**
 * An error in curated source data, naming the file, the line (or record) and the rule broken,
 * so that a failing build says exactly what to fix.
 */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | number,
    readonly rule: string,
    detail?: string
  ) {
    const at = typeof where === 'number' ? `line ${where}` : where;
    super(`${file}:${at}: ${rule}${detail ? ` — ${detail}` : ''}`);
    this.name = 'DataError';
  }
}
