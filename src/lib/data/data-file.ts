/**
 * Fetching the map's data files (static/data/) in the browser, with every way one can fail named: the
 * page shows an error screen naming the file and what is wrong with it, never a blank page.
 */
import type { Lang } from '$lib/i18n/lang';

export type DataFileProblem =
  | { kind: 'http'; status: number }
  | { kind: 'network'; detail: string }
  | { kind: 'json'; detail: string }
  | { kind: 'shape'; detail: string };

export class DataFileError extends Error {
  constructor(
    /** The file's path in the site, `data/plan.json`. */
    readonly file: string,
    readonly problem: DataFileProblem
  ) {
    const what =
      problem.kind === 'http' ? `HTTP ${problem.status}` : `${problem.kind}: ${problem.detail}`;
    super(`${file}: ${what}`);
    this.name = 'DataFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const arrays = (v: unknown, keys: readonly string[]) => isObject(v) && keys.every((k) => Array.isArray(v[k]));

/** What each file must at least look like (every file was validated in full when it was built). */
const SHAPES: Record<string, { ok: (value: unknown) => boolean; expected: string }> = {
  'plan.json': {
    ok: (v) => arrays(v, ['chapters', 'articles', 'targets']),
    expected: 'an object with chapters, articles and targets'
  },
  'features.geojson': {
    ok: (v) => isObject(v) && v.type === 'FeatureCollection' && arrays(v, ['features']),
    expected: 'a GeoJSON FeatureCollection'
  },
  'metro-building.json': { ok: (v) => arrays(v, ['lines']), expected: 'an object with lines' }
};

/** The file's content, or a DataFileError saying why it cannot be used. */
export async function fetchDataFile(
  fetcher: typeof fetch,
  base: string,
  file: string
): Promise<unknown> {
  const path = `data/${file}`;
  let text: string;
  try {
    const response = await fetcher(`${base}/${path}`);
    if (!response.ok) throw new DataFileError(path, { kind: 'http', status: response.status });
    text = await response.text();
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(path, { kind: 'network', detail: String((error as Error)?.message ?? error) });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(path, { kind: 'json', detail: (error as Error).message });
  }
  const shape = SHAPES[file];
  if (shape && !shape.ok(value)) throw new DataFileError(path, { kind: 'shape', detail: shape.expected });
  return value;
}

/** The first of `files` that cannot be used, and why; null if all can (the fault has passed). */
export async function diagnoseDataFiles(
  fetcher: typeof fetch,
  base: string,
  files: readonly string[]
): Promise<DataFileError | null> {
  for (const file of files) {
    try {
      await fetchDataFile(fetcher, base, file);
    } catch (error) {
      if (error instanceof DataFileError) return error;
      throw error;
    }
  }
  return null;
}

/**
 * The error screen's title and text for a data file the map cannot use, in the page's language: the
 * file, what is wrong with it, and what to do.
 */
export async function dataErrorText(
  fault: DataFileError,
  lang: Lang
): Promise<{ title: string; message: string }> {
  // Loaded only here, so that the map page's load function pulls in nothing more on its way.
  const [{ fill }, { ZH_ALL }] = await Promise.all([import('$lib/i18n/format'), import('$lib/i18n/messages')]);
  const strings = lang === 'en' ? (await import('$lib/i18n/messages-en')).EN : ZH_ALL;
  const { problem } = fault;
  const what =
    problem.kind === 'http'
      ? fill(strings.dataErrorHttp, { status: problem.status })
      : fill(
          strings[
            problem.kind === 'network' ? 'dataErrorNetwork' : problem.kind === 'json' ? 'dataErrorJson' : 'dataErrorShape'
          ],
          { detail: problem.detail }
        );
  return {
    title: strings.dataErrorTitle,
    message: `${strings.dataErrorFile}${fault.file}\n${what}\n${strings.dataErrorNext}`
  };
}
