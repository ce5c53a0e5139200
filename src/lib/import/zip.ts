/**
 * Reading zip archives (KMZ, zipped Shapefiles) defensively with fflate: the central directory is checked
 * before anything is inflated — unsafe entry paths refuse the archive, and the claimed uncompressed sizes
 * are held to a budget in total and in ratio to the compressed size. fflate inflates each entry into a
 * buffer of the claimed size and never grows it, so an entry that lies about its size cannot expand past it.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { ImportFailure } from './failure';
import { formatBytes } from './messages';
import type { Budget } from './types';

/** Whether an entry's path could escape the folder it is extracted to, or names a device. */
export function isUnsafePath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return (
    n.startsWith('/') ||
    /^[a-zA-Z]:/.test(n) ||
    n.split('/').some((part) => part === '..') ||
    n.includes('\0')
  );
}

/** Entries whose names `wanted` accepts, inflated; throws ImportFailure for a hostile or broken archive. */
export function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  budget: Pick<Budget, 'maxUnzippedBytes' | 'maxZipRatio' | 'maxZipEntries'>
): Record<string, Uint8Array> {
  const infos: UnzipFileInfo[] = [];
  let out: Record<string, Uint8Array>;
  try {
    // A first pass lists the entries only (the filter refuses all), so every check sees the whole directory.
    unzipSync(bytes, {
      filter: (info) => {
        infos.push(info);
        return false;
      }
    });
  } catch (error) {
    throw zipError(error);
  }
  if (infos.length > budget.maxZipEntries) {
    throw new ImportFailure('zip-bomb', {
      detail: `${infos.length} entries`,
      limit: `${budget.maxZipEntries} entries`
    });
  }
  let total = 0;
  for (const info of infos) {
    if (isUnsafePath(info.name))
      throw new ImportFailure('zip-path', { path: info.name }, { entry: info.name });
    if (!wanted(info.name)) continue;
    total += info.originalSize;
    const ratio = info.originalSize / Math.max(info.size, 1);
    if (info.originalSize > 1024 * 1024 && ratio > budget.maxZipRatio) {
      throw new ImportFailure(
        'zip-bomb',
        {
          detail: `${formatBytes(info.originalSize)} from ${formatBytes(info.size)}`,
          limit: `${budget.maxZipRatio}:1`
        },
        { entry: info.name }
      );
    }
  }
  if (total > budget.maxUnzippedBytes) {
    throw new ImportFailure('zip-bomb', {
      detail: formatBytes(total),
      limit: formatBytes(budget.maxUnzippedBytes)
    });
  }
  try {
    out = unzipSync(bytes, { filter: (info) => wanted(info.name) });
  } catch (error) {
    throw zipError(error);
  }
  return out;
}

function zipError(error: unknown): ImportFailure {
  const detail = error instanceof Error ? error.message : String(error);
  // fflate: "invalid zip data" when the end-of-central-directory record is missing (a cut-off file),
  // "unexpected EOF" when an entry's compressed data stops early.
  if (/invalid zip data|unexpected EOF/i.test(detail)) return new ImportFailure('truncated', { detail });
  return new ImportFailure('malformed', { format: 'zip', detail });
}

/** Whether the bytes start like a zip archive (a local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}
