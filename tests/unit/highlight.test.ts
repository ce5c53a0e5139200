import { describe, expect, it } from 'vitest';
import { segmentByTargets } from '../../src/lib/plan/highlight';
import type { Target } from '../../src/lib/plan/schema';

function target(id: string, quote_zh: string): Target {
  return {
    id,
    kind: 'quantity',
    article: 41,
    chapter: 7,
    metric_zh: 'm',
    metric_en: 'm',
    value: 1,
    unit: '',
    comparator: '≥',
    period: '2025',
    quote_zh,
    outcomes: []
  };
}

describe('segmentByTargets', () => {
  const text = '加快建设地铁。到2025年，城市轨道交通运营里程达到352公里。推进站城融合。';

  it('marks each quoted clause where it stands and keeps every character of the text', () => {
    const segments = segmentByTargets(text, [target('a41-1', '城市轨道交通运营里程达到352公里')]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.targetIds.length)).toEqual([
      { text: '城市轨道交通运营里程达到352公里', targetIds: ['a41-1'] }
    ]);
  });

  it('orders targets by position, not by list order, and skips quotes absent from the text', () => {
    const segments = segmentByTargets(text, [
      target('b', '推进站城融合'),
      target('a', '加快建设地铁'),
      target('missing', '不在文中')
    ]);
    expect(segments.filter((s) => s.targetIds.length).map((s) => s.targetIds)).toEqual([['a'], ['b']]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps the first of two overlapping quotes', () => {
    const segments = segmentByTargets(text, [target('x', '运营里程达到352'), target('y', '352公里')]);
    expect(segments.filter((s) => s.targetIds.length).map((s) => s.targetIds)).toEqual([['x']]);
  });

  it('gives a clause shared by a list of targets to every one of them', () => {
    const quote = '分别超过1万家、8000家和60家';
    const shared = `到2025年，科技型中小企业、高新技术企业、上市高新技术企业${quote}。`;
    const segments = segmentByTargets(shared, [
      target('a9-1', quote),
      target('a9-2', quote),
      target('a9-3', quote)
    ]);
    expect(segments.filter((s) => s.targetIds.length)).toEqual([
      { text: quote, targetIds: ['a9-1', 'a9-2', 'a9-3'] }
    ]);
  });
});
