/**
 * The script-bearing strings every untrusted-input test feeds the site (markup, event handlers,
 * `javascript:` links, SVG, CSS expressions, template syntax, spreadsheet formulas), and the checks that
 * none of them ran: the flag each would set stays unset, no dialog opened, none of their elements is in the
 * page. A Content-Security-Policy violation (an inline handler the browser refused) fails the test through
 * the shared fixture as well.
 */
import { expect, type Page } from '@playwright/test';

/** Each sets window.__xss (or opens a dialog) if it is ever run as markup or script. */
export const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><circle r="5"/></svg>',
  '"><script>window.__xss=1</script>',
  "javascript:window.__xss=1//';alert(1)",
  '<a href="javascript:window.__xss=1" id="xss-link">x</a>',
  '<div style="background:url(javascript:window.__xss=1)">css</div><style>*{x:expression(window.__xss=1)}</style>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '{@html "<b id=xss-b>b</b>"}'
] as const;

/**
 * Values that a spreadsheet would run as a formula if a CSV cell began with them (without a slash, so that
 * they can also be a file's name).
 */
export const FORMULAS = [
  '=HYPERLINK("x.cn","y")',
  "+cmd|' -C calc'!A0",
  '-2+3',
  '@SUM(1+1)*cmd|"-C calc"!A0'
] as const;

/** A property value that would run if a page made it a link's address. */
export const JAVASCRIPT_URL = 'javascript:window.__xss=1';

/**
 * The start of a payload, as the page repeats it: notices shorten long values, and the 404 page shows the
 * address as the browser keeps it (`=` still encoded).
 */
export const shown = (payload: string) => payload.split('=')[0]!.slice(0, 12);

/** Elements any payload would bring into the page if it were parsed as markup. */
export const INJECTED =
  'img[src="x"], svg[onload], iframe[srcdoc], #xss-link, #xss-b, div[style*="javascript"], a[href^="javascript:" i]';

/** Collects (and dismisses) every dialog the page opens. */
export async function watchDialogs(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** Nothing any payload carries has run: no flag, no injected element, no dialog. */
export async function expectNothingFired(page: Page, dialogs: readonly string[]): Promise<void> {
  // Give a handler of an injected element time to run, were there one.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => '__xss' in window)).toBe(false);
  expect(await page.locator(INJECTED).count()).toBe(0);
  expect(dialogs).toEqual([]);
}
