/**
 * The source of a published outcome as one line of text, in either language: the publisher's name, where a
 * copy was read when it was not the publisher's own page, and whose figure it is when the publisher reports
 * another body's. The outcome lists, the briefing's target cards and the area exports all print it.
 */
import type { OutcomeSource } from '$lib/plan/schema';
import type { Lang } from './lang';

interface SourceWords {
  /** Shown for a source that names no publisher. */
  unattributed: string;
  /** A copy read at `host` (or at an address not kept, when `host` is null). */
  copy: (host: string | null) => string;
  /** The body the figure is attributed to. */
  cites: (body: string) => string;
}

const WORDS: Record<Lang, SourceWords> = {
  zh: {
    unattributed: '未署名',
    copy: (host) => (host ? `（转载：${host}）` : '（转载）'),
    cites: (body) => `，引自${body}`
  },
  en: {
    unattributed: 'Unattributed',
    copy: (host) => (host ? ` (repost on ${host})` : ' (repost)'),
    cites: (body) => `, citing ${body}`
  }
};

/** The host a copy was read on, without its `www.`; null without an address (or with one that won't parse). */
export function sourceHost(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * "青岛日报（转载：smalldaily.com），引自青岛市统计局" / "Qingdao Daily (repost on smalldaily.com), citing
 * 青岛市统计局": the English line takes the publisher's English name where it has one, and the Chinese name
 * otherwise; a body cited keeps its own name in both.
 */
export function formatOutcomeSource(
  source: Pick<OutcomeSource, 'publisher' | 'publisher_en' | 'cites' | 'url' | 'original'>,
  lang: Lang
): string {
  const words = WORDS[lang];
  const name =
    (lang === 'en' ? (source.publisher_en ?? source.publisher) : source.publisher) ?? words.unattributed;
  const copy = source.original ? '' : words.copy(sourceHost(source.url));
  const cites = source.cites ? words.cites(source.cites) : '';
  return `${name}${copy}${cites}`;
}
