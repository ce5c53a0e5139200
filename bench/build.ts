/** Building what is measured: the site (npm run build, copied aside), the reference page, the in-page script. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { build as viteBuild } from 'vite';
import { BENCH, ROOT, SITE, SITE_BUILD, SKIP_BUILD, log } from './config';

export function buildSite(): void {
  if (SKIP_BUILD) {
    log(`measuring the existing build in ${SITE_BUILD}`);
  } else {
    log('npm run build');
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  }
  if (!existsSync(join(SITE_BUILD, 'index.html'))) {
    throw new Error(`${SITE_BUILD}/index.html is missing: build the site first`);
  }
  rmSync(SITE, { recursive: true, force: true });
  cpSync(SITE_BUILD, SITE, { recursive: true });
}

export async function buildReference(): Promise<void> {
  log('building the reference page (bench/reference → bench/.work/reference)');
  await viteBuild({ configFile: join(BENCH, 'reference', 'vite.config.ts'), logLevel: 'warn' });
}

/** The in-page instrumentation, transpiled to a plain script (tsx would inject helpers the page lacks). */
export function instrumentScript(): string {
  const source = readFileSync(join(BENCH, 'page', 'instrument.ts'), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: true }
  }).outputText;
}
