/**
 * Part of every page, so kept tiny: catches uncaught errors and unhandled promise rejections, and hands
 * them (and any other problem a part of the site reports with `notify`) to the notice, which is loaded
 * only when there is something to show (notice.svelte.ts). Nothing reloads the page: what the user made
 * stays as it was.
 */

export type Problem =
  /** An error nothing else caught (the thrown value), and where, when the browser says. */
  | { kind: 'error'; error: unknown; where?: string }
  /** Stored items that could not be read, moved aside to `<key>.corrupt`. */
  | { kind: 'storage'; keys: readonly string[] }
  /** Map label font files (static/fonts/) that failed to load. */
  | { kind: 'font'; files: readonly string[] };

let notice: Promise<typeof import('./notice.svelte')> | null = null;

export function notify(problem: Problem): void {
  notice ??= import('./notice.svelte');
  notice.then(
    (module) => module.showProblem(problem),
    // The notice itself could not load (offline, a new deployment): the console still has the error.
    () => (notice = null)
  );
}

/** Starts listening on the page's window; once per page. */
export function catchErrors(target: Window): void {
  target.addEventListener('error', (e) =>
    notify({ kind: 'error', error: e.error ?? e.message, where: `${e.filename}:${e.lineno}:${e.colno}` })
  );
  target.addEventListener('unhandledrejection', (e) => notify({ kind: 'error', error: e.reason }));
}
