/**
 * The site's Content-Security-Policy: every page carries it as a <meta> tag the build writes (no eval, no
 * plugins, inline script only by hash), build/_headers carries the same policy as a header, and the
 * suite's shared fixture (fixtures.ts) fails any test in which the browser reports a violation.
 */
import { readFileSync } from 'node:fs';
import { test, expect, waitForMap } from './fixtures';

// The last is no page: the static host's build/404.html, whose script the build rewrote (and re-hashed).
const PAGES = ['/', '/articles/1', '/targets', '/articles/121'];

// The page that is not one answers 404, as it should.
test.use({ expectedProblems: [/(HTTP 404: |404 \(Not Found\) \()\S*\/articles\/121\)?$/] });

/** directive → sources of a policy string. */
function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources])
  );
}

async function metaPolicy(page: import('@playwright/test').Page): Promise<Map<string, string[]>> {
  const content = await page
    .locator('meta[http-equiv="content-security-policy"]')
    .getAttribute('content', { timeout: 5000 });
  expect(content, 'a CSP <meta> tag').toBeTruthy();
  return parsePolicy(content!);
}

for (const path of PAGES) {
  test(`${path} carries a strict policy: no eval, no plugins, inline script only by hash`, async ({
    page
  }) => {
    await page.goto(path);
    const policy = await metaPolicy(page);
    const script = policy.get('script-src') ?? [];
    expect(script[0]).toBe("'self'");
    expect(script.slice(1).length).toBeGreaterThan(0);
    expect(script.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy.get('connect-src')).toContain('https://tile.openstreetmap.org');
    expect(policy.get('img-src')).toContain('https://t7.tianditu.gov.cn');
    // The page's own inline script runs (the policy allows it): the page is interactive.
    await expect(page.locator('header.site-header')).toBeVisible();
  });
}

test('build/_headers has the same policy as a header, with frame-ancestors and every page hash', async ({
  page
}) => {
  const text = readFileSync('build/_headers', 'utf8');
  const line = text.split('\n').find((l) => l.trim().startsWith('Content-Security-Policy:'));
  expect(line, 'a Content-Security-Policy header for /*').toBeTruthy();
  const header = parsePolicy(line!.split('Content-Security-Policy:')[1]!);
  expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  for (const path of PAGES) {
    await page.goto(path);
    const meta = await metaPolicy(page);
    for (const [name, sources] of meta) {
      for (const source of sources) expect(header.get(name), `${path}: ${name} ${source}`).toContain(source);
    }
  }
});

test.describe(() => {
  test.use({ expectedProblems: [/CSP violation|Refused to|Content Security Policy/] });

  test('a violation is reported to the suite: injected inline script and a foreign image are refused', async ({
    page,
    problems
  }) => {
    await page.goto('/#map=12/36.09/120.39');
    await waitForMap(page, 60_000);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false);
    // An image from a host the policy does not list is refused before any request is made.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://images.example.com/x.png';
      document.body.append(img);
    });
    await expect.poll(() => problems.filter((p) => p.startsWith('CSP violation')).length).toBeGreaterThan(1);
    expect(problems.filter((p) => p.startsWith('CSP violation')).join('\n')).toMatch(
      /script-src(-elem)? refused inline/
    );
    expect(problems.join('\n')).toMatch(/img-src refused https:\/\/images\.example\.com/);
  });
});
