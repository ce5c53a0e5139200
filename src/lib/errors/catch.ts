/**
 * Part of every page, so kept tiny: catches uncaught errors and unhandled promise rejections, and hands
 * them (and any other problem a part of the site reports with `notify`) to the notice, which is loaded
 * only when there is something to show (notice.svelte.ts). Nothing reloads the page: what the user made
 * stays as it was.
 */

export type Problem =
  /** An error nothing else caught. */
  | { kind: 'error'; message: string; stack?: string }
  /** Stored items that could not be read, moved aside to `<key>.corrupt`. */
  | { kind: 'storage'; keys: readonly string[] }
  /** Map label font files (static/fonts/) that failed to load. */
  | { kind: 'font'; files: readonly string[] };

let notice: Promise<typeof import('./notice.svelte')> | null = null;
/** Problems shown so far: a loop of errors stops filling the page. */
let shown = 0;

export function notify(problem: Problem): void {
  if (++shown > 20) return;
  notice ??= import('./notice.svelte');
  notice.then(
    (module) => module.showProblem(problem),
    // The notice itself could not load (offline, a new deployment): the console still has the error.
    () => (notice = null)
  );
}

function describe(reason: unknown): Problem {
  if (reason instanceof Error)
    return { kind: 'error', message: `${reason.name}: ${reason.message}`, stack: reason.stack };
  return { kind: 'error', message: String(reason) };
}

/** Starts listening on the page's window; once per page. */
export function catchErrors(target: Window): void {
  target.addEventListener('error', (event) => {
    const problem = describe(event.error ?? event.message);
    if (problem.kind === 'error' && !problem.stack && event.filename)
      problem.stack = `at ${event.filename}:${event.lineno}:${event.colno}`;
    notify(problem);
  });
  target.addEventListener('unhandledrejection', (event) => notify(describe(event.reason)));
}
