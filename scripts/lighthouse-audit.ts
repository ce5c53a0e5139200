/**
 * Runs Lighthouse (pinned to 12.2.3: 13.x needs Node 22) on one page of a locally served build, in a
 * Chromium of its own with the project's flags, and reduces the report to what the site is judged on:
 * category scores, the audits that lower them, and the paint and blocking figures. Shared by the benchmark
 * (bench/lighthouse.ts: performance, best of several runs) and the browser suite
 * (tests/e2e/lighthouse.spec.ts: accessibility, best practices and SEO as pass/fail).
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';

export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const CATEGORIES: readonly Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];

/** An audit that costs its category points, with the first few places it names. */
export interface FailingAudit {
  category: Category;
  id: string;
  title: string;
  score: number;
  /** Selectors, URLs or snippets from the audit's details, as it gives them. */
  where: string[];
}

export interface PageAudit {
  url: string;
  /** 0–100 for each category asked for. */
  scores: Partial<Record<Category, number>>;
  failing: FailingAudit[];
  /** Milliseconds, from Lighthouse's simulated (mobile, slow 4G, 4× CPU) throttling. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; speedIndex: number } | null;
  /** The full Lighthouse report (JSON), for a closer look at where the figures come from. */
  report: string;
}

/** The place an audit's detail item points at, for a message a person can act on. */
function placeOf(item: Record<string, unknown>): string | null {
  const node = item.node as { selector?: string; snippet?: string } | undefined;
  if (node?.selector) return node.selector;
  for (const key of ['selector', 'url', 'scriptUrl', 'source']) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
    if (value && typeof value === 'object' && 'url' in value) return String((value as { url: unknown }).url);
  }
  return null;
}

/**
 * Audits `url` (which must answer on localhost) with Lighthouse's default mobile settings. The Chromium
 * resolves nothing beyond localhost, so a page that reached out would show it as a failed request.
 */
export async function auditPage(
  url: string,
  categories: readonly Category[] = CATEGORIES
): Promise<PageAudit> {
  const chromePath = findChromium();
  if (!chromePath) throw new Error('no Chromium found: install one or set CHROMIUM_PATH');
  const chrome = await launch({
    chromePath,
    chromeFlags: [
      ...CHROMIUM_ARGS,
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'
    ],
    logLevel: 'silent'
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories]
    });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
    const scores: PageAudit['scores'] = {};
    const failing: FailingAudit[] = [];
    for (const category of categories) {
      const entry = lhr.categories[category];
      if (!entry) continue;
      scores[category] = Math.round((entry.score ?? 0) * 100);
      for (const ref of entry.auditRefs) {
        const audit = lhr.audits[ref.id];
        // Performance's own metrics are figures, not faults: they are reported under `metrics`.
        if (!audit || category === 'performance') continue;
        if (audit.score === null || audit.score >= 1) continue;
        if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'notApplicable') continue;
        const items = ((audit.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [])
          .map(placeOf)
          .filter((p): p is string => p !== null && p !== '');
        failing.push({
          category,
          id: ref.id,
          title: audit.title,
          score: audit.score,
          where: items.slice(0, 5)
        });
      }
    }
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const metrics = categories.includes('performance')
      ? {
          fcp: metric('first-contentful-paint'),
          lcp: metric('largest-contentful-paint'),
          tbt: metric('total-blocking-time'),
          cls: metric('cumulative-layout-shift'),
          speedIndex: metric('speed-index')
        }
      : null;
    return { url, scores, failing, metrics, report: JSON.stringify(lhr) };
  } finally {
    chrome.kill();
  }
}
