import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../scripts/steps/plan-json';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import {
  buildSearchIndex,
  normalise,
  search,
  type SearchHit,
  type SearchIndex
} from '../../src/lib/search/search';
import type { Plan } from '../../src/lib/plan/schema';

let plan: Plan;
let index: SearchIndex;

beforeAll(() => {
  plan = buildPlan();
  index = buildSearchIndex(plan, buildFeatures(plan).features);
});

const describeHit = (hit: SearchHit | undefined) =>
  !hit
    ? 'nothing'
    : hit.type === 'article'
      ? `article ${hit.article.n}`
      : hit.type === 'target'
        ? `target ${hit.target.id}`
        : `feature ${hit.feature.properties.id}`;

describe('search over the real plan', () => {
  it('finds article 41 first for its 352 km target, then the target itself', () => {
    const hits = search(index, '352');
    expect(describeHit(hits[0])).toBe('article 41');
    expect(hits.map(describeHit)).toContain('target a41-1');
  });

  it('matches part of a Chinese name: 上合 finds article 82 first', () => {
    expect(describeHit(search(index, '上合')[0])).toBe('article 82');
  });

  it('finds the Dongjiakou port area first for its English name', () => {
    expect(describeHit(search(index, 'Dongjiakou')[0])).toBe('feature port-dongjiakou');
  });

  it('finds metro lines and stations in English, ignoring case', () => {
    const hits = search(index, 'METRO LINE 3');
    expect(describeHit(hits[0])).toBe('feature metro-line-3');
  });

  it('finds a line under construction by the words the plan uses for it', () => {
    const hits = search(index, '8号线南段').map(describeHit);
    expect(hits).toContain('feature metro-line-8-south');
    expect(hits).toContain('article 41');
  });

  it('finds a station by a part of its Chinese name', () => {
    const hits = search(index, '五四');
    expect(hits[0]?.type).toBe('feature');
    expect(hits[0]?.type === 'feature' && hits[0].feature.properties.name_zh).toContain('五四广场');
  });

  it('finds an article by its number, written either way', () => {
    expect(describeHit(search(index, '第57条')[0])).toBe('article 57');
    expect(describeHit(search(index, '57')[0])).toBe('article 57');
  });

  it('finds words inside article text when no title matches', () => {
    const hits = search(index, '董家口');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits.filter((h) => h.type === 'article')) {
      expect(hit.type === 'article' && hit.article.text_zh).toContain('董家口');
    }
  });

  it('returns nothing for an empty query and at most the limit', () => {
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, '的', 5).length).toBeLessThanOrEqual(5);
  });
});

describe('normalise', () => {
  it('folds full-width digits and letters and case', () => {
    expect(normalise('３５２')).toBe('352');
    expect(normalise('ＭＥＴＲＯ  Line')).toBe('metro line');
  });
});
