import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PlanFeature, Target } from '../../src/lib/plan/schema';
import { fill } from '../../src/lib/i18n/format';
import {
  facetCounts,
  featureBounds,
  featuresByTarget,
  filterTargets,
  groupByChapter,
  hasFilters,
  ledgerFilterRow,
  NO_FILTERS,
  parseFilters,
  readFilters,
  periodGroup,
  quantityKind,
  targetRows,
  writeFilters,
  type LedgerTarget
} from '../../src/lib/plan/targets-view';

function target(id: string, overrides: Partial<Target> = {}): Target {
  const m = /^a(\d+)-/.exec(id);
  return {
    id,
    kind: 'quantity',
    article: m ? Number(m[1]) : null,
    chapter: 4,
    metric_zh: '指标',
    metric_en: 'metric',
    value: 1,
    unit: '个',
    comparator: '≥',
    period: '2025',
    quote_zh: '到2025年达到1个',
    outcomes: [],
    ...overrides
  };
}

function feature(id: string, geometry: GeoJSON.Geometry, targets: string[]): PlanFeature {
  return {
    type: 'Feature',
    geometry,
    properties: {
      id,
      name_zh: id,
      name_en: id,
      layer: 'transport',
      kind: geometry.type === 'Point' ? 'metro-station' : 'metro-line',
      status: 'operating',
      articles: [41],
      targets,
      precision: 'surveyed',
      precision_note: 'n',
      source: 's'
    }
  };
}

describe('quantityKind', () => {
  it.each([
    ['%', 'percent'],
    ['个百分点', 'percent'],
    ['亿元', 'money'],
    ['万亿元', 'money'],
    ['万元', 'money'],
    ['家', 'count'],
    ['万家', 'count'],
    ['个', 'count'],
    ['万人次', 'count'],
    ['公里', 'physical'],
    ['万千瓦', 'physical'],
    ['万吨/年', 'physical'],
    ['万标准箱', 'physical'],
    ['微克/立方米', 'physical'],
    ['平方米', 'physical'],
    ['', 'other'],
    ['∶1', 'other'],
    ['岁', 'other']
  ] as const)('reads %j as %s', (unit, kind) => {
    expect(quantityKind({ kind: 'quantity', unit })).toBe(kind);
  });

  it('puts a commitment apart whatever its unit', () => {
    expect(quantityKind({ kind: 'commitment', unit: '' })).toBe('commitment');
  });
});

describe('periodGroup', () => {
  it('keeps the three named periods and groups the rest as other', () => {
    expect(['2025', 'annual', 'biennial', '2023–2025', '2030'].map(periodGroup)).toEqual([
      '2025',
      'annual',
      'biennial',
      'other',
      'other'
    ]);
  });
});

describe('filters in the URL', () => {
  it('reads every filter and keeps unrelated parameters when writing them back', () => {
    const filters = parseFilters(
      '?lang=en&chapter=5&kind=percent&period=annual&map=no&outcome=yes&q=%20PM2.5%20'
    );
    expect(filters).toEqual({
      chapter: 5,
      kind: 'percent',
      period: 'annual',
      onMap: 'no',
      outcome: 'yes',
      q: 'PM2.5'
    });
    expect(writeFilters('?lang=en&chapter=2', filters)).toBe(
      '?lang=en&chapter=5&kind=percent&period=annual&map=no&outcome=yes&q=PM2.5'
    );
  });

  it('ignores values it does not know instead of guessing', () => {
    expect(parseFilters('?chapter=13&kind=weight&period=2030&map=maybe')).toEqual(NO_FILTERS);
    expect(parseFilters('?chapter=4x')).toEqual(NO_FILTERS);
  });

  it('names every part of a query it did not use, and nothing in a good one', () => {
    const read = readFilters('?chapter=0x4&kind=percent&kind=money&foo=1&map=maybe&lang=en');
    expect(read.filters).toEqual({ ...NO_FILTERS, kind: 'percent' });
    // Unknown and repeated parameters first, then values the filters do not know.
    expect(read.issues).toEqual([
      { field: 'kind', value: 'money', action: 'dropped' },
      { field: 'foo', value: '1', action: 'dropped' },
      { field: 'chapter', value: '0x4', action: 'dropped' },
      { field: 'map', value: 'maybe', action: 'dropped' }
    ]);
    expect(readFilters('?lang=en&chapter=5&kind=percent&q=x').issues).toEqual([]);
  });

  it('never throws, whatever the query', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const read = readFilters(text);
        expect(readFilters(writeFilters('', read.filters)).issues).toEqual([]);
      }),
      { numRuns: 2000 }
    );
  });

  it('writes nothing for no filters, and removes the ones cleared', () => {
    expect(writeFilters('', NO_FILTERS)).toBe('');
    expect(writeFilters('?chapter=3&q=x&lang=en', NO_FILTERS)).toBe('?lang=en');
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, q: ' a ' })).toBe(true);
  });

  it('round-trips', () => {
    const filters = {
      chapter: 10,
      kind: 'commitment',
      period: 'other',
      onMap: 'yes',
      outcome: 'no',
      q: '学校 新建'
    } as const;
    expect(parseFilters(writeFilters('', filters))).toEqual(filters);
  });
});

const REPORTED = {
  value: 348,
  unit: '公里',
  period: '2024-04',
  qualifier: 'exact' as const,
  like_for_like: true,
  source: { title: 't', publisher: 'p', url: null, published: null, original: true },
  checked: true
};

describe('filterTargets', () => {
  const rows: LedgerTarget[] = [
    { ...target('a41-1', { unit: '公里', metric_en: 'Urban rail in operation' }), onMap: true },
    { ...target('a36-1', { unit: '万标准箱', period: 'annual', metric_zh: '海铁联运量' }), onMap: false },
    { ...target('c2-1', { chapter: 2, unit: '%', quote_zh: '研发投入强度达到3.2%' }), onMap: false },
    {
      ...target('a90-1', {
        chapter: 10,
        kind: 'commitment',
        value: null,
        unit: '',
        comparator: null,
        period: '2023–2025'
      }),
      onMap: false
    }
  ];
  const ids = (list: LedgerTarget[]) => list.map((t) => t.id);

  it('applies each filter and their combination', () => {
    expect(ids(filterTargets(rows, { ...NO_FILTERS, chapter: 4 }))).toEqual(['a41-1', 'a36-1']);
    expect(ids(filterTargets(rows, { ...NO_FILTERS, kind: 'physical' }))).toEqual(['a41-1', 'a36-1']);
    expect(ids(filterTargets(rows, { ...NO_FILTERS, period: 'other' }))).toEqual(['a90-1']);
    expect(ids(filterTargets(rows, { ...NO_FILTERS, onMap: 'yes' }))).toEqual(['a41-1']);
    expect(ids(filterTargets(rows, { ...NO_FILTERS, onMap: 'no', kind: 'physical' }))).toEqual(['a36-1']);
    expect(filterTargets(rows, NO_FILTERS)).toHaveLength(rows.length);
  });

  it('keeps the targets with or without a published outcome', () => {
    const reported = rows.map((row) => (row.id === 'a41-1' ? { ...row, outcomes: [REPORTED] } : row));
    expect(ids(filterTargets(reported, { ...NO_FILTERS, outcome: 'yes' }))).toEqual(['a41-1']);
    expect(ids(filterTargets(reported, { ...NO_FILTERS, outcome: 'no' }))).toEqual([
      'a36-1',
      'c2-1',
      'a90-1'
    ]);
    expect(facetCounts(reported, NO_FILTERS, 'outcome').get('yes')).toBe(1);
  });

  it('filters and counts the rows the ledger page carries as it does the full rows', () => {
    const full = targetRows(
      rows.map((row, i) => ({ ...row, outcomes: i === 0 ? [REPORTED, REPORTED] : [] })),
      []
    );
    const carried = full.map(ledgerFilterRow);
    expect(carried.map((r) => r.outcomes.length)).toEqual([2, 0, 0, 0]);
    for (const filters of [
      NO_FILTERS,
      { ...NO_FILTERS, outcome: 'yes' as const },
      { ...NO_FILTERS, outcome: 'no' as const, chapter: 4 },
      { ...NO_FILTERS, q: '研发' },
      { ...NO_FILTERS, kind: 'physical' as const, period: 'annual' as const }
    ]) {
      expect(ids(filterTargets(carried, filters))).toEqual(ids(filterTargets(full, filters)));
      for (const facet of ['chapter', 'kind', 'period', 'onMap', 'outcome'] as const)
        expect(facetCounts(carried, filters, facet)).toEqual(facetCounts(full, filters, facet));
    }
  });

  it('searches ids, metrics in both languages, quotes and article numbers, every word', () => {
    const q = (text: string) => ids(filterTargets(rows, { ...NO_FILTERS, q: text }));
    expect(q('URBAN rail')).toEqual(['a41-1']);
    expect(q('海铁')).toEqual(['a36-1']);
    expect(q('3.2%')).toEqual(['c2-1']);
    expect(q('第90条')).toEqual(['a90-1']);
    expect(q('ａ４１')).toEqual(['a41-1']);
    expect(q('rail 海铁')).toEqual([]);
  });

  it('counts the options of one filter with the other filters applied', () => {
    const filters = { ...NO_FILTERS, chapter: 4, kind: 'count' as const };
    // The kind filter itself is left out of its own counts; chapter 4 still applies.
    expect(Object.fromEntries(facetCounts(rows, filters, 'kind'))).toEqual({ physical: 2 });
    expect(Object.fromEntries(facetCounts(rows, { ...NO_FILTERS }, 'chapter'))).toEqual({
      4: 2,
      2: 1,
      10: 1
    });
    expect(Object.fromEntries(facetCounts(rows, NO_FILTERS, 'onMap'))).toEqual({ yes: 1, no: 3 });
  });
});

describe('groupByChapter', () => {
  it('orders chapters and keeps the order within each', () => {
    const groups = groupByChapter([
      { chapter: 5, id: 'x' },
      { chapter: 2, id: 'y' },
      { chapter: 5, id: 'z' }
    ]);
    expect(groups.map((g) => [g.chapter, g.items.map((i) => i.id)])).toEqual([
      [2, ['y']],
      [5, ['x', 'z']]
    ]);
  });
});

describe('features serving targets', () => {
  const station = feature('metro-station-3-1', { type: 'Point', coordinates: [120.3, 36.1] }, ['a41-1']);
  const line = feature(
    'metro-line-3',
    {
      type: 'LineString',
      coordinates: [
        [120.3, 36.1],
        [120.5, 36.3]
      ]
    },
    ['a41-1', 'a42-1']
  );

  it('prefers a line to a station for "show on map", and counts every feature', () => {
    const index = featuresByTarget([station, line]);
    expect(index.get('a41-1')?.map((f) => f.id)).toEqual(['metro-line-3', 'metro-station-3-1']);
    const rows = targetRows([target('a41-1'), target('a40-1')], [station, line]);
    expect(rows[0]).toMatchObject({ onMap: true, featureCount: 2, mapFeature: { id: 'metro-line-3' } });
    expect(rows[1]).toMatchObject({ onMap: false, featureCount: 0, mapFeature: null });
  });

  it('bounds every coordinate, and has none for no features', () => {
    expect(featureBounds([station, line])).toEqual([120.3, 36.1, 120.5, 36.3]);
    const area = feature(
      'zone',
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [119.9, 35.9],
              [120.0, 35.9],
              [120.0, 36.0],
              [119.9, 35.9]
            ]
          ]
        ]
      },
      []
    );
    expect(featureBounds([area, station])).toEqual([119.9, 35.9, 120.3, 36.1]);
    expect(featureBounds([])).toBeNull();
  });
});

describe('fill', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(fill('显示 {n} 个目标（共 {total} 个）', { n: 3, total: 187 })).toBe('显示 3 个目标（共 187 个）');
    expect(fill('{n} of {m}', { n: 1 })).toBe('1 of {m}');
  });
});
