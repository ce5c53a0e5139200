/**
 * The problem notice, loaded on the first problem (catch.ts): a list of what went wrong, drawn by
 * ProblemNotice.svelte mounted once at the end of the page, outside the page's own components, so
 * showing it disturbs nothing the user has open.
 */
import { mount } from 'svelte';
import { version } from '../../../package.json';
import type { Problem } from './catch';
import { errorReport } from './report';
import ProblemNotice from './ProblemNotice.svelte';

/** What the notice shows: an error as text, with its report, or stored items / font files. */
export type ShownProblem = { id: number } & (
  | { kind: 'error'; message: string; report: string }
  | { kind: 'storage'; keys: readonly string[] }
  | { kind: 'font'; files: readonly string[] }
);

class Problems {
  list = $state<ShownProblem[]>([]);
  dismiss(): void {
    this.list = [];
  }
}

const problems = new Problems();
let mounted = false;
let nextId = 1;
/** Problems taken so far: a loop of errors stops filling the page. */
let taken = 0;

/** The message and stack of anything thrown (an Error or any other value). */
export function describeThrown(thrown: unknown, where?: string): { message: string; stack?: string } {
  if (thrown instanceof Error) return { message: `${thrown.name}: ${thrown.message}`, stack: thrown.stack };
  return { message: String(thrown), stack: where ? `at ${where}` : undefined };
}

export function showProblem(problem: Problem): void {
  if (++taken > 50) return;
  const list = problems.list;
  if (problem.kind === 'error') {
    const { message, stack } = describeThrown(problem.error, problem.where);
    // The same error again (a handler failing on every frame) is shown once.
    if (list.some((p) => p.kind === 'error' && p.message === message)) return;
    const report = errorReport(message, stack, {
      version,
      url: location.href,
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a moment written into text, not state
      time: new Date(),
      userAgent: navigator.userAgent
    });
    problems.list = [...list, { id: nextId++, kind: 'error', message, report }];
  } else if (problem.kind === 'font') {
    // Font files join one entry.
    const fonts = list.find((p) => p.kind === 'font');
    const known = fonts?.kind === 'font' ? fonts.files : [];
    const files = [...known, ...problem.files.filter((f) => !known.includes(f))];
    problems.list = fonts
      ? list.map((p) => (p === fonts ? { ...fonts, files } : p))
      : [...list, { id: nextId++, kind: 'font', files }];
  } else problems.list = [...list, { id: nextId++, ...problem }];
  if (!mounted) {
    mounted = true;
    mount(ProblemNotice, { target: document.body, props: { problems } });
  }
}
