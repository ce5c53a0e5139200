/** A problem that stops one file's import, thrown by the parsers and turned into an ImportError. */
import type { ImportCode, MessageParams, Where } from './types';

export class ImportFailure extends Error {
  constructor(
    readonly code: ImportCode,
    readonly params: MessageParams = {},
    readonly where?: Where
  ) {
    super(`${code}${where ? ` ${JSON.stringify(where)}` : ''}: ${JSON.stringify(params)}`);
    this.name = 'ImportFailure';
  }
}

/** The 1-based line of character offset `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
