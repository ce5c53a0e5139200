import { describe, expect, it } from 'vitest';
import { formatOutcomeSource, sourceHost } from '$lib/i18n/format-source';
import { targetSummary } from '$lib/geo/area-export';
import type { Outcome, OutcomeSource, Target } from '$lib/plan/schema';

const source = (overrides: Partial<OutcomeSource> = {}): OutcomeSource => ({
  title: '青岛投入超11亿元提升农村供水水质',
  publisher: '青岛日报',
  publisher_en: 'Qingdao Daily',
  url: 'https://www.smalldaily.com/roll/2023qdtrcyyt.html',
  published: '2023-11-29',
  original: false,
  ...overrides
});

describe('an outcome’s source line', () => {
  it('names a copy’s host when the page read was not the publisher’s own', () => {
    expect(formatOutcomeSource(source(), 'zh')).toBe('青岛日报（转载：smalldaily.com）');
    expect(formatOutcomeSource(source(), 'en')).toBe('Qingdao Daily (repost on smalldaily.com)');
    const kept = source({ url: 'http://shanghui.hzdx.com/rd/2023/0701/13382.html' });
    expect(formatOutcomeSource(kept, 'en')).toBe('Qingdao Daily (repost on shanghui.hzdx.com)');
    // A copy whose address was not kept is still said to be a copy.
    expect(formatOutcomeSource(source({ url: null }), 'zh')).toBe('青岛日报（转载）');
    expect(formatOutcomeSource(source({ url: null }), 'en')).toBe('Qingdao Daily (repost)');
  });

  it('names the publisher alone on its own page', () => {
    const own = source({ original: true, url: 'https://epaper.qingdaonews.com/x.htm' });
    expect(formatOutcomeSource(own, 'zh')).toBe('青岛日报');
    expect(formatOutcomeSource(own, 'en')).toBe('Qingdao Daily');
  });

  it('keeps the Chinese name in English where no English name is known', () => {
    const own = source({ publisher: '大众网', publisher_en: undefined, original: true });
    expect(formatOutcomeSource(own, 'en')).toBe('大众网');
  });

  it('says a source names no publisher', () => {
    const unnamed = source({ publisher: null, publisher_en: undefined, url: 'https://yidengfeng.cn/a.html' });
    expect(formatOutcomeSource(unnamed, 'zh')).toBe('未署名（转载：yidengfeng.cn）');
    expect(formatOutcomeSource(unnamed, 'en')).toBe('Unattributed (repost on yidengfeng.cn)');
  });

  it('names the body a reported figure is attributed to, in its own name', () => {
    const cited = source({ publisher: '大众网', publisher_en: undefined, cites: '青岛市统计局' });
    expect(formatOutcomeSource(cited, 'zh')).toBe('大众网（转载：smalldaily.com），引自青岛市统计局');
    expect(formatOutcomeSource(cited, 'en')).toBe('大众网 (repost on smalldaily.com), citing 青岛市统计局');
    const own = source({ original: true, cites: '青岛市统计局' });
    expect(formatOutcomeSource(own, 'en')).toBe('Qingdao Daily, citing 青岛市统计局');
  });

  it('reads a host without its www., and none from a missing address', () => {
    expect(sourceHost('https://www.itiger.com/news/1194720793')).toBe('itiger.com');
    expect(sourceHost('http://big5.china.com.cn/gate/x.html')).toBe('big5.china.com.cn');
    expect(sourceHost(null)).toBeNull();
  });

  it('is what an area export prints beside a target’s latest figure', () => {
    const latest: Outcome = {
      value: 99.2,
      unit: '%',
      period: '2023',
      qualifier: 'exact',
      like_for_like: false,
      note_en: 'proxy',
      source: source(),
      checked: true
    };
    const target = {
      id: 'a71-2',
      value: 99,
      unit: '%',
      comparator: '≥',
      period: '2025',
      outcomes: [latest]
    } as unknown as Target;
    expect(targetSummary(target, 'zh')).toBe(
      'a71-2 有数据但不可比：99.2 %（2023年）· 青岛日报（转载：smalldaily.com）'
    );
    expect(targetSummary(target, 'en')).toBe(
      'a71-2 figures not comparable: 99.2 % (2023) · Qingdao Daily (repost on smalldaily.com)'
    );
  });
});
