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

export interface ShownProblem {
  id: number;
  problem: Problem;
  /** For an error: the report to copy. */
  report?: string;
}

class Problems {
  list = $state<ShownProblem[]>([]);
  dismiss(): void {
    this.list = [];
  }
}

const problems = new Problems();
let mounted = false;
let nextId = 1;

export function showProblem(problem: Problem): void {
  const report =
    problem.kind === 'error'
      ? errorReport(problem.message, problem.stack, {
          version,
          url: location.href,
          // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a moment written into text, not state
          time: new Date(),
          userAgent: navigator.userAgent
        })
      : undefined;
  // The same error again (a handler failing on every frame) is shown once; font files join one entry.
  const same = problems.list.some(
    (p) => p.problem.kind === 'error' && problem.kind === 'error' && p.problem.message === problem.message
  );
  const fonts = problems.list.find((p) => p.problem.kind === 'font');
  if (problem.kind === 'font' && fonts?.problem.kind === 'font') {
    const known = fonts.problem.files;
    const files = [...known, ...problem.files.filter((f) => !known.includes(f))];
    problems.list = problems.list.map((p) => (p === fonts ? { ...p, problem: { kind: 'font', files } } : p));
  } else if (!same) problems.list = [...problems.list, { id: nextId++, problem, report }];
  if (!mounted) {
    mounted = true;
    mount(ProblemNotice, { target: document.body, props: { problems } });
  }
}
