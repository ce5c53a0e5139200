import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, TILE_HOSTS as POLICY_HOSTS, serialisePolicy } from '../../csp.config.js';
import { TILE_HOSTS } from '../../src/lib/map/basemaps';

describe('the Content-Security-Policy', () => {
  it('lets the street basemaps load from exactly the hosts they are configured with', () => {
    expect([...POLICY_HOSTS].sort()).toEqual([...TILE_HOSTS].sort());
    for (const host of TILE_HOSTS) {
      expect(CSP_DIRECTIVES['img-src']).toContain(host);
      expect(CSP_DIRECTIVES['connect-src']).toContain(host);
    }
  });

  it('allows no eval, no plugins and no inline script', () => {
    const policy = serialisePolicy(CSP_DIRECTIVES);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(CSP_DIRECTIVES['script-src']).toEqual(['self']);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });
});
