/**
 * Lighthouse's accessibility, best-practices and SEO audits as pass/fail checks on every kind of page the
 * site has (mobile settings, as most visits come from phones): each category must score 100 and no audit of
 * them may fail, weightless ones included (a missing source map costs no points but is still a fault).
 * Performance is a timing and lives in the benchmark (`npm run bench:lighthouse`), not here.
 */
import { test, expect } from '@playwright/test';
import { auditPage, type Category } from '../../scripts/lighthouse-audit';

const CHECKED: readonly Category[] = ['accessibility', 'best-practices', 'seo'];

interface AuditedPage {
  name: string;
  path: string;
  /** Audits that must fail on this page, and why. */
  meantToFail?: readonly string[];
}

const PAGES: readonly AuditedPage[] = [
  { name: 'the map', path: '/' },
  { name: 'the article index', path: '/articles' },
  { name: 'an article with places and targets', path: '/articles/41' },
  { name: 'an article without places', path: '/articles/1' },
  { name: 'the target ledger', path: '/targets' },
  // Lighthouse refuses a page answered with status 404: the same page is audited where it is served as a file.
  // It asks search engines not to index it (`noindex`), as a page for addresses that do not exist should.
  { name: 'the 404 page', path: '/404', meantToFail: ['seo/is-crawlable'] }
];

for (const { name, path, meantToFail = [] } of PAGES) {
  test(`Lighthouse: ${name} (${path}) passes accessibility, best practices and SEO`, async ({ baseURL }) => {
    // One Lighthouse run loads the page several times in a Chromium of its own: minutes on a loaded machine.
    test.setTimeout(240_000);
    const result = await auditPage(`${baseURL}${path}`, CHECKED);
    const failed = (f: { category: string; id: string }) => `${f.category}/${f.id}`;
    const report = result.failing
      .filter((f) => !meantToFail.includes(failed(f)))
      .map((f) => `${failed(f)} (${f.title}): ${f.where.join(' | ')}`);
    expect(report, `failing audits on ${path}`).toEqual([]);
    expect(result.failing.map(failed).filter((id) => meantToFail.includes(id))).toEqual(meantToFail);
    for (const category of CHECKED) {
      if (meantToFail.some((id) => id.startsWith(`${category}/`))) continue;
      expect(result.scores[category], `${category} on ${path}`).toBe(100);
    }
  });
}
