/**
 * One search over articles, targets and features, in Chinese and English, matching parts of words.
 * Pure: build the index once from the plan data, then each query is a scan of short normalised strings
 * (a few hundred entries), which is far below a millisecond — no index structure is needed.
 */
import type { GazetteerPlace } from '$lib/plan/gazetteer';
import type { Article, Plan, PlanFeature, Target } from '$lib/plan/schema';

type HitRef =
  | { type: 'article'; article: Article }
  | { type: 'target'; target: Target }
  | { type: 'feature'; feature: PlanFeature }
  | { type: 'place'; place: GazetteerPlace };

export type SearchHit = HitRef & { score: number };

interface Entry {
  hit: HitRef;
  /** Fields in order of weight: names and titles first, body text last. */
  names: string[];
  body: string;
  /** Numbers that identify the entry itself: an article's number, a target's value. */
  numbers: string[];
  article: number | null;
}

export interface SearchIndex {
  entries: Entry[];
}

/** Lower-cases and folds full-width characters so "３５２", "352" and "DONGJIAKOU" match their plain forms. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Builds the search index from the plan, its features and the gazetteer's places people know (districts,
 * towns, subdistricts, railway stations; metro stations are already features, so the gazetteer's copies of
 * them are left out).
 */
export function buildSearchIndex(
  plan: Pick<Plan, 'articles' | 'targets'>,
  features: readonly PlanFeature[],
  places: readonly GazetteerPlace[] = []
) {
  const entries: Entry[] = [];
  for (const article of plan.articles) {
    entries.push({
      hit: { type: 'article', article },
      names: [article.title_zh, article.title_en].map(normalise),
      body: normalise(`${article.text_zh} ${article.summary_en}`),
      numbers: [String(article.n)],
      article: article.n
    });
  }
  for (const target of plan.targets) {
    entries.push({
      hit: { type: 'target', target },
      names: [target.metric_zh, target.metric_en].map(normalise),
      body: normalise(target.quote_zh),
      numbers: target.value === null ? [] : [String(target.value)],
      article: target.article
    });
  }
  for (const feature of features) {
    const p = feature.properties;
    entries.push({
      hit: { type: 'feature', feature },
      // The plan's own words for a place ("8号线南段") find it as well as its map name ("地铁8号线（南段）").
      names: [p.name_zh, p.name_en, ...(p.mentions_zh ?? [])].map(normalise),
      body: '',
      numbers: [],
      article: null
    });
  }
  for (const place of places) {
    if (place.kind === 'metro-station') continue;
    entries.push({
      hit: { type: 'place', place },
      names: [place.name_zh, place.name_en, ...(place.alt ?? [])].map(normalise),
      body: '',
      numbers: [],
      article: null
    });
  }
  return { entries } satisfies SearchIndex;
}

/** True for a query in Latin letters: English and pinyin match on word starts, Chinese anywhere. */
function isLatin(query: string): boolean {
  return /[a-z]/.test(query);
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Where `query` starts a word of `text`: 'word' when it is a whole word ("port" in "Dongjiakou port area"),
 * 'prefix' when it only begins one ("metro" in "metropolitan"), null when it never starts a word ("port" in
 * "transport" or "airport").
 */
function wordMatch(text: string, query: string): 'word' | 'prefix' | null {
  let best: 'word' | 'prefix' | null = null;
  for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
    if (at > 0 && LETTER.test(text[at - 1] ?? '')) continue;
    if (!LETTER.test(text[at + query.length] ?? '')) return 'word';
    best = 'prefix';
  }
  return best;
}

/** How well `query` matches one name: whole name, start of the name, a whole word, anywhere. */
function nameScore(name: string, query: string): number {
  if (name === query) return 100;
  if (isLatin(query)) {
    const match = wordMatch(name, query);
    if (match === null) return 0;
    const atStart = name.startsWith(query);
    if (match === 'word') return atStart ? 92 : 82;
    // Only the beginning of a longer word: still found, but after the names that hold the word itself.
    return atStart ? 62 : 58;
  }
  if (name.startsWith(query)) return 90;
  return name.includes(query) ? 70 : 0;
}

/** Whether a title or text names the query: a whole word in Latin script, anywhere in Chinese. */
function names(text: string, query: string): boolean {
  return isLatin(query) ? wordMatch(text, query) === 'word' : text.includes(query);
}

function entryScore(entry: Entry, query: string): number {
  let score = 0;
  entry.names.forEach((name, i) => {
    // The Chinese name weighs a little more than the English one: Chinese first.
    score = Math.max(score, nameScore(name, query) - i);
  });
  // An article whose title names the query is about that thing: it leads, ahead of the places it
  // names (上合 → article 82 before the zone itself), unless a place's name is exactly the query.
  if (entry.hit.type === 'article' && entry.names.some((name) => names(name, query))) {
    score = Math.max(score, 95);
  }
  const bare = query.replace(/^第|条$/g, '');
  if (entry.numbers.includes(bare)) score = Math.max(score, 85);
  if (score === 0 && names(entry.body, query)) score = 30;
  return score;
}

/**
 * Ranked results for a query. Articles rank just above their own best-matching target, so a search for
 * a target's figure ("352") leads to the article that sets it, then to the target itself.
 */
export function search(index: SearchIndex, rawQuery: string, limit = 14): SearchHit[] {
  const query = normalise(rawQuery);
  if (!query) return [];
  const scored: SearchHit[] = [];
  const bestTargetByArticle = new Map<number, number>();
  for (const entry of index.entries) {
    const score = entryScore(entry, query);
    if (score === 0) continue;
    scored.push({ ...entry.hit, score });
    if (entry.hit.type === 'target' && entry.article !== null) {
      bestTargetByArticle.set(entry.article, Math.max(bestTargetByArticle.get(entry.article) ?? 0, score));
    }
  }
  for (const hit of scored) {
    if (hit.type !== 'article') continue;
    const viaTarget = bestTargetByArticle.get(hit.article.n);
    if (viaTarget !== undefined && viaTarget + 1 > hit.score) hit.score = viaTarget + 1;
  }
  const typeOrder = { feature: 0, place: 1, article: 2, target: 3 } as const;
  const ranked = scored.sort(
    (a, b) => b.score - a.score || typeOrder[a.type] - typeOrder[b.type] || order(a) - order(b)
  );
  // Each kind keeps a share of the list, so the places a name finds do not push out every article that
  // names it (董家口: the port area and its sites, then articles 24, 35, 37, 39, 40, 46 and 62).
  const quota = {
    feature: Math.ceil(limit / 2),
    place: Math.ceil(limit / 3),
    article: Math.ceil(limit / 2),
    target: Math.ceil(limit / 3)
  };
  const taken = { feature: 0, place: 0, article: 0, target: 0 };
  const kept: SearchHit[] = [];
  for (const hit of ranked) {
    if (taken[hit.type] >= quota[hit.type]) continue;
    taken[hit.type] += 1;
    kept.push(hit);
  }
  // What the quotas left room for goes to the best of the rest, still in rank order.
  const room = limit - Math.min(limit, kept.length);
  const rest = ranked.filter((hit) => !kept.includes(hit)).slice(0, room);
  return ranked.filter((hit) => kept.includes(hit) || rest.includes(hit)).slice(0, limit);
}

/** Among equally good names, the larger place first: a district before a town before a station. */
const PLACE_ORDER: Record<GazetteerPlace['kind'], number> = {
  district: 0,
  town: 1,
  subdistrict: 1,
  'rail-station': 2,
  'metro-station': 3
};

/**
 * Order among equal scores: articles and targets in plan order; the gazetteer's places larger first; plan
 * features by how many articles name them
 * (the port area the plan discusses twice before a station named after it), then the shorter name.
 */
function order(hit: SearchHit): number {
  if (hit.type === 'article') return hit.article.n;
  if (hit.type === 'target') return (hit.target.article ?? 0) + hit.target.chapter / 100;
  if (hit.type === 'place') return PLACE_ORDER[hit.place.kind] * 1000 + hit.place.name_zh.length;
  const p = hit.feature.properties;
  return -p.articles.length * 1000 + p.name_zh.length;
}
