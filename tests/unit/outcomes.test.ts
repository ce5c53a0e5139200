import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/data/data-error';
import {
  periodBounds,
  sortOutcomes,
  standingCounts,
  standingState,
  targetStanding
} from '../../src/lib/plan/outcomes';
import type { Outcome, Target } from '../../src/lib/plan/schema';
import { convertValue, unitsCompatible } from '../../src/lib/plan/units';
import {
  checkOutcomes,
  OUTCOMES_FILE,
  parseOutcomes,
  type CuratedOutcome
} from '../../scripts/pipeline/outcomes';
import { buildPlan } from '../../scripts/steps/plan-json';
import { buildOutcomesJson } from '../../scripts/steps/outcomes-json';

const AS_OF = '2026-01-26';

function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    value: 348,
    unit: '公里',
    period: '2024-04',
    qualifier: 'exact',
    like_for_like: true,
    source: {
      title: 'A report',
      publisher: 'A paper',
      url: 'https://example.org/a',
      published: '2024-06-24',
      original: true
    },
    checked: true,
    ...overrides
  };
}

const METRO: Pick<Target, 'id' | 'value' | 'unit' | 'comparator' | 'period'> = {
  id: 'a41-1',
  value: 352,
  unit: '公里',
  comparator: '≥',
  period: '2025'
};

describe('periods', () => {
  it('spans a year, a month, a day and a range', () => {
    expect(periodBounds('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('2025-11-26')).toEqual({ start: '2025-11-26', end: '2025-11-26' });
    expect(periodBounds('2024-01/2024-06')).toEqual({ start: '2024-01-01', end: '2024-06-30' });
  });

  it('orders a series by the end of each period, then by publication', () => {
    const late = outcome({ period: '2025' });
    const early = outcome({
      period: '2023-01/2023-06',
      source: { ...outcome().source, published: '2023-07-01' }
    });
    const sameEndLater = outcome({
      period: '2023-06',
      source: { ...outcome().source, published: '2023-09-01' }
    });
    expect(sortOutcomes([late, sameEndLater, early])).toEqual([early, sameEndLater, late]);
  });
});

describe('units', () => {
  it('compares the same unit at any magnitude, and nothing else', () => {
    expect(unitsCompatible('家', '万家')).toBe(true);
    expect(convertValue(9777, '家', '万家')).toBeCloseTo(0.9777, 6);
    expect(convertValue(10495.54, '亿元', '万亿元')).toBeCloseTo(1.049554, 6);
    expect(unitsCompatible('亿元', '万吨')).toBe(false);
    expect(convertValue(3, '个', '%')).toBeNull();
  });
});

describe('where a target stands', () => {
  it('compares only the latest like-for-like figure', () => {
    const s = targetStanding(METRO, [
      outcome({ value: 348, period: '2024-04' }),
      outcome({ value: 352, period: '2026-01-06', like_for_like: false, note_en: 'basis unknown' })
    ]);
    expect(s?.outcome.value).toBe(348);
    expect(s?.share).toBeCloseTo(348 / 352, 6);
    expect(s?.met).toBe(false);
    expect(s?.final).toBe(false);
  });

  it('compares no figure that could not be read again in its source', () => {
    const s = targetStanding(METRO, [
      outcome({ value: 340, period: '2024' }),
      outcome({ value: 360, period: '2025', checked: false, note_en: 'not found again' })
    ]);
    expect(s?.outcome.value).toBe(340);
  });

  it('has nothing to say when no figure is like-for-like', () => {
    expect(targetStanding(METRO, [outcome({ like_for_like: false, note_en: 'scope differs' })])).toBeNull();
    expect(targetStanding(METRO, [])).toBeNull();
  });

  it('calls a target met or not met only with a figure for its deadline', () => {
    expect(targetStanding(METRO, [outcome({ value: 360, period: '2025' })])).toMatchObject({
      met: true,
      final: true
    });
    expect(targetStanding(METRO, [outcome({ value: 340, period: '2025-12' })])).toMatchObject({
      met: false,
      final: true
    });
    expect(targetStanding(METRO, [outcome({ value: 360, period: '2024' })])).toMatchObject({
      met: true,
      final: false
    });
  });

  it('does not call a lower bound short of the target a miss', () => {
    const s = targetStanding(METRO, [
      outcome({ value: 348, qualifier: 'at-least', period: '2025', note_en: '突破' })
    ]);
    expect(s?.met).toBeNull();
    expect(s?.final).toBe(true);
  });

  it('reads a ceiling the other way round and gives it no share', () => {
    const pm25 = { ...METRO, id: 'a57-4', value: 30, unit: '微克/立方米', comparator: '≤' as const };
    expect(targetStanding(pm25, [outcome({ value: 26, unit: '微克/立方米', period: '2024' })])).toMatchObject(
      {
        met: true,
        share: null
      }
    );
    expect(targetStanding(pm25, [outcome({ value: 31, unit: '微克/立方米', period: '2025' })])).toMatchObject(
      {
        met: false,
        final: true
      }
    );
  });

  it('converts magnitudes before comparing (9,776 家 against more than 1 万家)', () => {
    const firms = { ...METRO, id: 'a9-4', value: 1, unit: '万家', comparator: '>' as const };
    const s = targetStanding(firms, [outcome({ value: 9776, unit: '家', period: '2025' })]);
    expect(s?.value).toBeCloseTo(0.9776, 6);
    expect(s?.met).toBe(false);
  });

  it('takes a whole year as final for an annual target', () => {
    const annual = { ...METRO, period: 'annual', value: 300, unit: '个', comparator: '≈' as const };
    expect(targetStanding(annual, [outcome({ value: 440, unit: '个', period: '2024' })])?.final).toBe(true);
    expect(targetStanding(annual, [outcome({ value: 440, unit: '个', period: '2024-06' })])?.final).toBe(
      false
    );
  });
});

describe('a target’s standing in one word', () => {
  const withOutcomes = (outcomes: Outcome[]) => ({ ...METRO, outcomes });

  it('tells met, not met, on the way, not comparable and nothing published apart', () => {
    expect(standingState(withOutcomes([outcome({ value: 360, period: '2025' })]))).toBe('met');
    expect(standingState(withOutcomes([outcome({ value: 340, period: '2025' })]))).toBe('not-met');
    expect(standingState(withOutcomes([outcome({ value: 340, period: '2024' })]))).toBe('progress');
    expect(standingState(withOutcomes([outcome({ like_for_like: false })]))).toBe('not-comparable');
    expect(standingState(withOutcomes([]))).toBe('none');
  });

  it('counts a feature’s targets by standing', () => {
    const counts = standingCounts([
      withOutcomes([outcome({ value: 360, period: '2025' })]),
      withOutcomes([outcome({ value: 340, period: '2024' })]),
      withOutcomes([outcome({ value: 341, period: '2024' })]),
      withOutcomes([])
    ]);
    expect(counts).toEqual({ met: 1, 'not-met': 0, progress: 2, 'not-comparable': 0, none: 1 });
  });
});

describe('curated outcomes (data/plan/outcomes.json)', () => {
  const targets = [{ ...METRO, kind: 'quantity', article: 41, chapter: 4 } as Target];
  const curated = (overrides: Partial<CuratedOutcome> = {}): CuratedOutcome => ({
    target: 'a41-1',
    quote: '运营里程增至348公里',
    ...outcome(),
    ...overrides
  });
  const error = (o: CuratedOutcome): DataError => {
    try {
      checkOutcomes([o], targets, AS_OF, 'outcomes.json');
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error('no DataError thrown');
  };

  it('accepts a plain, like-for-like, re-checked figure', () => {
    expect(() => checkOutcomes([curated()], targets, AS_OF, 'outcomes.json')).not.toThrow();
  });

  it('names the record and the rule it breaks', () => {
    expect(error(curated({ target: 'a41-9' })).message).toMatch(/entry 1 \(a41-9.*target not in the plan/);
    expect(error(curated({ period: '2022' })).message).toMatch(/period before the plan/);
    expect(error(curated({ period: '2026-03' })).message).toMatch(/period after the dataset as-of date/);
    expect(error(curated({ source: { ...outcome().source, published: '2026-02-01' } })).message).toMatch(
      /published after the dataset as-of date/
    );
    expect(
      error(curated({ period: '2025', source: { ...outcome().source, published: '2024-06-24' } })).message
    ).toMatch(/published before the period it reports/);
    expect(error(curated({ unit: '万人' })).message).toMatch(
      /like-for-like outcome in a unit the target does not use — "万人" against the target's "公里"/
    );
    expect(error(curated({ qualifier: 'estimate', note_en: 'forecast' })).message).toMatch(
      /a forecast cannot be like-for-like/
    );
    expect(error(curated({ like_for_like: false })).message).toMatch(/caveat missing/);
    expect(error(curated({ checked: true, quote: undefined })).message).toMatch(/quote missing/);
  });

  it('refuses a source name that carries a note, naming the record and the field', () => {
    const named = (source: Partial<CuratedOutcome['source']>) =>
      curated({ note_en: 'read on a copy', source: { ...outcome().source, original: false, ...source } });
    const refused: [Partial<CuratedOutcome['source']>, RegExp][] = [
      [
        { publisher: '青岛日报 (repost on smalldaily.com)' },
        /source\.publisher is not a plain name.*brackets/
      ],
      [{ publisher: '大众网 mirror on shanghui.hzdx.com' }, /source\.publisher .*"mirror" is a note/],
      [{ publisher: 'unknown' }, /source\.publisher .*"unknown" is a note/],
      [{ publisher: 'qing5.com' }, /source\.publisher .*a host name/],
      [{ publisher: '青岛日报 / Qingdao Daily' }, /source\.publisher .*English name goes to publisher_en/],
      [{ publisher: '青岛晚报 / 青岛市统计局' }, /source\.publisher .*goes to cites/],
      [
        { publisher: '证券时报', publisher_en: 'Securities Times, English repost' },
        /source\.publisher_en .*"repost"/
      ],
      [{ publisher: '青岛日报', publisher_en: '青岛日报' }, /source\.publisher_en .*Chinese characters/],
      [{ publisher: '大众网', cites: '青岛市统计局 (2024 bulletin)' }, /source\.cites is not a plain name/],
      [{ publisher: null, publisher_en: 'Qingdao Daily' }, /source\.publisher_en without a publisher/]
    ];
    for (const [source, rule] of refused) {
      expect(error(named(source)).message, JSON.stringify(source)).toMatch(
        new RegExp(`^outcomes\\.json:entry 1 \\(a41-1, 348 公里, 2024-04\\): ${rule.source}`)
      );
    }
    // Plain names pass: a joint byline as printed, an English brand, no publisher with the body cited.
    for (const source of [
      { publisher: '青岛日报/观海新闻', publisher_en: 'Qingdao Daily / Guanhai News' },
      { publisher: '中国网', publisher_en: 'China.com.cn' },
      { publisher: null, cites: '青岛市科技局' }
    ]) {
      expect(() => checkOutcomes([named(source)], targets, AS_OF, 'outcomes.json')).not.toThrow();
    }
  });

  it('refuses a source address that is not http or https (pages show it as a link)', () => {
    for (const url of ['javascript:alert(1)', 'javascript://x.cn/%0Aalert(1)', 'data:text/html,<b>x</b>']) {
      const record = { ...curated(), source: { ...outcome().source, url } };
      expect(() => parseOutcomes(JSON.stringify({ outcomes: [record] }), OUTCOMES_FILE), url).toThrow(
        /entry 1: .*source/
      );
    }
    const https = { ...curated(), source: { ...outcome().source, url: 'https://www.qingdao.gov.cn/x.html' } };
    expect(() => parseOutcomes(JSON.stringify({ outcomes: [https] }), OUTCOMES_FILE)).not.toThrow();
  });

  it('accepts a multi-year figure that reaches into the plan period, with its caveat', () => {
    expect(() =>
      checkOutcomes(
        [curated({ period: '2021/2025', like_for_like: false, note_en: 'five years' })],
        targets,
        AS_OF,
        'outcomes.json'
      )
    ).not.toThrow();
  });

  it('rejects a record with a missing figure or source, naming the entry and field', () => {
    const broken = JSON.stringify({ outcomes: [{ ...curated(), value: 'about 348' }] });
    expect(() => parseOutcomes(broken, OUTCOMES_FILE)).toThrow(
      /entry 1: outcomes file fails the schema — value/
    );
    const noSource: Partial<CuratedOutcome> = curated();
    delete noSource.source;
    expect(() => parseOutcomes(JSON.stringify({ outcomes: [noSource] }), OUTCOMES_FILE)).toThrow(
      /entry 1: .* source/
    );
  });

  it('every published outcome has a value, unit, date and source, and a like-for-like one uses its target’s unit', () => {
    const plan = buildPlan();
    const published = buildOutcomesJson(plan);
    const byId = new Map(plan.targets.map((t) => [t.id, t]));
    expect(published.as_of).toBe(plan.as_of);
    for (const o of published.outcomes) {
      expect(Number.isFinite(o.value)).toBe(true);
      expect(o.period).toMatch(/^\d{4}/);
      expect(o.source.title.length).toBeGreaterThan(0);
      expect(o.source.publisher === null || o.source.publisher.length > 0).toBe(true);
      const target = byId.get(o.target);
      expect(target).toBeDefined();
      if (o.like_for_like && target?.value !== null) {
        expect(unitsCompatible(o.unit, target!.unit), `${o.target}: ${o.unit} vs ${target!.unit}`).toBe(true);
      }
      if (!o.like_for_like) expect(o.note_en, `${o.target} ${o.period}`).toBeTruthy();
    }
    // Each target carries its own outcomes in plan.json, in series order.
    const metro = byId.get('a41-1');
    expect(metro?.outcomes.map((o) => o.value)).toEqual(
      sortOutcomes(metro?.outcomes ?? []).map((o) => o.value)
    );
  });

  it('covers at least 60 targets with a sourced outcome', () => {
    const plan = buildPlan();
    const covered = plan.targets.filter((t) => t.outcomes.length > 0).length;
    expect(covered).toBeGreaterThanOrEqual(60);
  });

  it('keeps the curated file readable as it is on disk', () => {
    expect(() => parseOutcomes(readFileSync(OUTCOMES_FILE, 'utf8'), OUTCOMES_FILE)).not.toThrow();
  });
});
