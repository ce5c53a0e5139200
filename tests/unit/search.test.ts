import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../scripts/steps/plan-json';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildGazetteerJson } from '../../scripts/steps/gazetteer-json';
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
  const features = buildFeatures(plan).features;
  index = buildSearchIndex(plan, features, buildGazetteerJson(plan.as_of, features).places);
});

const describeHit = (hit: SearchHit | undefined) =>
  !hit
    ? 'nothing'
    : hit.type === 'article'
      ? `article ${hit.article.n}`
      : hit.type === 'target'
        ? `target ${hit.target.id}`
        : hit.type === 'place'
          ? `place ${hit.place.id}`
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

  it('finds every article that names a place in its text, after the places themselves', () => {
    const hits = search(index, '董家口');
    const naming = plan.articles
      .filter((a) => a.text_zh.includes('董家口') && !a.title_zh.includes('董家口'))
      .map((a) => a.n);
    expect(naming.length).toBeGreaterThan(3);
    const articles = hits.filter((h) => h.type === 'article').map((h) => h.type === 'article' && h.article.n);
    expect(articles).toEqual(naming);
    expect(describeHit(hits[0])).toBe('feature port-dongjiakou');
    const firstArticle = hits.findIndex((h) => h.type === 'article');
    expect(hits.slice(0, firstArticle).every((h) => h.type === 'feature')).toBe(true);
  });

  it('matches English on word starts: "port" finds the port areas, not transport, airport or support', () => {
    const hits = search(index, 'port');
    const ids = hits.map(describeHit);
    expect(ids).toContain('feature port-dongjiakou');
    expect(ids).toContain('feature port-qianwan');
    for (const hit of hits) {
      const text =
        hit.type === 'article'
          ? `${hit.article.title_en} ${hit.article.summary_en}`
          : hit.type === 'target'
            ? hit.target.metric_en
            : hit.type === 'place'
              ? hit.place.name_en
              : hit.feature.properties.name_en;
      if (hit.type !== 'target') expect(text.toLowerCase()).toMatch(/\bports?\b/);
    }
  });

  it('ranks names holding the word above words that only begin with it: metro before metropolitan', () => {
    const hits = search(index, 'metro');
    expect(describeHit(hits[0])).toMatch(/^feature metro-line-/);
    const metropolitan = hits.findIndex((h) => h.type === 'article' && h.article.n === 61);
    const lastLine = hits.map(describeHit).lastIndexOf('feature metro-line-3');
    expect(lastLine).toBeGreaterThanOrEqual(0);
    if (metropolitan >= 0) expect(metropolitan).toBeGreaterThan(lastLine);
  });

  it('finds the places people know: districts, towns and stations, in Chinese and English', () => {
    expect(describeHit(search(index, '黄岛')[0])).toBe('place district-370211');
    expect(describeHit(search(index, 'Licang')[0])).toBe('place district-370213');
    expect(describeHit(search(index, '李沧')[0])).toBe('place district-370213');
    expect(describeHit(search(index, '李村')[0])).toBe('feature metro-station-2-2');
    expect(describeHit(search(index, '姜山')[0])).toMatch(/^(place town-|feature node-jiangshan)/);
    expect(search(index, '姜山').map(describeHit)).toContain('feature node-jiangshan');
    const taidong = search(index, '台东').map(describeHit);
    expect(taidong.some((id) => id.startsWith('feature metro-station'))).toBe(true);
    // The gazetteer's copies of metro stations are not listed twice beside the station features.
    expect(taidong.filter((id) => id.startsWith('place metro-station'))).toEqual([]);
  });

  it('returns nothing for an empty query and exactly the limit when more match', () => {
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, '的', 5)).toHaveLength(5);
    expect(search(index, '的').length).toBeGreaterThan(5);
  });
});

describe('normalise', () => {
  it('folds full-width digits and letters and case', () => {
    expect(normalise('３５２')).toBe('352');
    expect(normalise('ＭＥＴＲＯ  Line')).toBe('metro line');
  });
});
