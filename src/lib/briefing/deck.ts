/**
 * Briefing decks: the slide model, the default deck built from the plan itself, and a deck's file form
 * (JSON, validated with zod on the way in). Pure logic, no DOM and no map library.
 *
 * A slide never stores a figure: target slides name target ids, and the figures shown are read from the
 * published data when the slide is drawn, so an exported deck cannot carry a stale or invented number.
 */
import { z } from 'zod';
import { MAX_BOUNDS, MAX_ZOOM, MIN_ZOOM } from '$lib/map/extent';
import { LAYERS } from '$lib/plan/layers';
import { standingState } from '$lib/plan/outcomes';
import type { Article, Chapter, PlanFeature, Target } from '$lib/plan/schema';
import { featureBounds } from '$lib/plan/targets-view';
import { STATUSES } from '$lib/plan/vocabulary';

// Validate without compiling code at run time: zod otherwise probes `new Function`, which the site's
// Content-Security-Policy refuses (and reports, even though zod catches the refusal).
z.config({ jitless: true });

export const DECK_FORMAT = 'qingdao-plan-map/briefing-deck';
export const DECK_VERSION = 1;
/** Most targets a targets slide shows as bars: more would not be readable from the back of a room. */
export const MAX_SLIDE_TARGETS = 6;
/** Headline targets on a chapter slide and on the opening slide. */
export const CHAPTER_HEADLINES = 3;
export const OPENING_HEADLINES = 4;

const [[WEST, SOUTH], [EAST, NORTH]] = MAX_BOUNDS;
const lon = z.number().min(WEST).max(EAST);
const lat = z.number().min(SOUTH).max(NORTH);
const LAYER_IDS = LAYERS.map((l) => l.id) as [string, ...string[]];

export const cameraSchema = z
  .object({
    center: z.tuple([lon, lat]),
    zoom: z.number().min(MIN_ZOOM).max(MAX_ZOOM)
  })
  .strict();
export type Camera = z.infer<typeof cameraSchema>;

export const boundsSchema = z
  .tuple([lon, lat, lon, lat])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'west must not exceed east, nor south north');
export type Bounds = [number, number, number, number];

export const filterSchema = z
  .object({
    layers: z.array(z.enum(LAYER_IDS)).nullable(),
    statuses: z.array(z.enum(STATUSES)).nullable(),
    chapter: z.number().int().min(1).max(12).nullable()
  })
  .strict();
export type SlideFilter = z.infer<typeof filterSchema>;

export const SLIDE_KINDS = ['opening', 'chapter', 'targets', 'view'] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

const text = (max: number) => z.string().max(max);

/** Most of the user's own layers one slide refers to. */
export const MAX_SLIDE_USER_LAYERS = 20;

/**
 * One of the user's own layers a slide shows: its id in the browser's store (IndexedDB), and its name when the
 * slide was made, so that a deck opened where the layer is not stored can still say which one is missing.
 */
/** Reports each item whose id an earlier item of the list already has, at `list[i].id`. */
function flagRepeats(
  items: readonly { id: string }[],
  list: string,
  ctx: z.RefinementCtx,
  message: (id: string) => string
): void {
  const seen = new Set<string>();
  items.forEach(({ id }, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: message(id) });
    seen.add(id);
  });
}

export const userLayerRefSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and hyphens, at most 64'),
    name: text(200)
  })
  .strict();
export type UserLayerRef = z.infer<typeof userLayerRefSchema>;

export const slideSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'letters, digits and hyphens, at most 40'),
    kind: z.enum(SLIDE_KINDS),
    /** The chapter a chapter or targets slide is about; null otherwise. */
    chapter: z.number().int().min(1).max(12).nullable(),
    title_zh: text(120),
    title_en: text(200),
    caption_zh: text(600),
    caption_en: text(1200),
    /** The view: a camera as the presenter left it, or a box fitted to the screen it is shown on. */
    camera: cameraSchema.nullable(),
    bounds: boundsSchema.nullable(),
    filter: filterSchema,
    /** The feature selected (highlighted) on the slide, or null. */
    selection: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .max(120)
      .nullable(),
    /** Target ids the slide shows (headline targets, or a targets slide's bars). */
    targets: z
      .array(z.string().regex(/^(a\d{1,3}|c\d{1,2})-\d+$/))
      .max(MAX_SLIDE_TARGETS + CHAPTER_HEADLINES + OPENING_HEADLINES),
    /** The user's own layers shown on the slide, by reference: their features stay in the browser that holds them. */
    user_layers: z.array(userLayerRefSchema).max(MAX_SLIDE_USER_LAYERS).default([])
  })
  .strict()
  .superRefine((slide, ctx) => {
    flagRepeats(slide.user_layers, 'user_layers', ctx, (id) => `layer "${id}" is named twice`);
    if ((slide.kind === 'chapter' || slide.kind === 'targets') && slide.chapter === null)
      ctx.addIssue({ code: 'custom', path: ['chapter'], message: `a ${slide.kind} slide names its chapter` });
  });
export type Slide = z.infer<typeof slideSchema>;

export const deckSchema = z
  .object({
    format: z.literal(DECK_FORMAT),
    version: z.literal(DECK_VERSION),
    title_zh: text(120),
    title_en: text(200),
    slides: z.array(slideSchema).min(1).max(200)
  })
  .strict()
  .superRefine((deck, ctx) =>
    flagRepeats(deck.slides, 'slides', ctx, (id) => `slide id "${id}" is used twice`)
  );
export type Deck = z.infer<typeof deckSchema>;

/** The parts of the plan a default deck is made from. */
export interface DeckSource {
  chapters: readonly Pick<Chapter, 'n' | 'title_zh' | 'title_en'>[];
  articles: readonly Pick<Article, 'n' | 'chapter'>[];
  targets: readonly Target[];
  features: readonly PlanFeature[];
}

const NO_FILTER: SlideFilter = { layers: null, statuses: null, chapter: null };

/** The plan's own features (not context features outside Qingdao) named by a chapter's articles. */
export function chapterFeatures(
  source: Pick<DeckSource, 'articles' | 'features'>,
  chapter: number
): PlanFeature[] {
  const chapterOf = new Map(source.articles.map((a) => [a.n, a.chapter]));
  return source.features.filter(
    (f) => !f.properties.outside_qingdao && f.properties.articles.some((n) => chapterOf.get(n) === chapter)
  );
}

/**
 * The box a slide is fitted to: the features' extent, leaving out those that run on beyond Qingdao (a railway
 * to Yantai) so that they do not shrink the city to a corner, kept within the embedded basemap; null for none.
 */
export function slideBounds(features: readonly PlanFeature[]): Bounds | null {
  const local = features.filter((f) => !f.properties.regional);
  const box = featureBounds(local.length > 0 ? local : features);
  if (!box) return null;
  return [Math.max(WEST, box[0]), Math.max(SOUTH, box[1]), Math.min(EAST, box[2]), Math.min(NORTH, box[3])];
}

/** Whether a target has a figure to compare, a figure of another kind, or nothing published: in that order. */
function rank(target: Target): number {
  const state = standingState(target);
  return state === 'none' ? 2 : state === 'not-comparable' ? 1 : 0;
}

/**
 * A chapter's targets in the order slides show them: quantity targets only, those the chapter's intro states
 * first, then those with a comparable published figure, then any other figure, then none; plan order within.
 */
export function chapterTargets(targets: readonly Target[], chapter: number): Target[] {
  const own = targets.filter((t) => t.chapter === chapter && t.kind === 'quantity' && t.value !== null);
  return own
    .map((target, index) => ({ target, index }))
    .sort(
      (a, b) =>
        Number(b.target.article === null) - Number(a.target.article === null) ||
        rank(a.target) - rank(b.target) ||
        a.index - b.index
    )
    .map(({ target }) => target);
}

/** The opening slide's headline targets: the first of each chapter's, in chapter order, as many as fit. */
export function openingTargets(source: Pick<DeckSource, 'chapters' | 'targets'>): string[] {
  return source.chapters
    .map((c) => chapterTargets(source.targets, c.n)[0]?.id)
    .filter((id): id is string => id !== undefined)
    .slice(0, OPENING_HEADLINES);
}

/** The deck a briefing starts with: an opening slide, then each chapter's places and, where it has any, its targets. */
export function defaultDeck(source: DeckSource): Deck {
  const all = source.features.filter((f) => !f.properties.outside_qingdao);
  const slides: Slide[] = [
    {
      id: 'opening',
      kind: 'opening',
      chapter: null,
      title_zh: '青岛市绿色低碳高质量发展三年行动计划（2023—2025年）',
      title_en:
        "Qingdao's three-year action plan for green, low-carbon, high-quality development (2023–2025)",
      caption_zh: '',
      caption_en: '',
      camera: null,
      bounds: slideBounds(all),
      filter: NO_FILTER,
      selection: null,
      targets: openingTargets(source),
      user_layers: []
    }
  ];
  for (const chapter of source.chapters) {
    const bounds = slideBounds(chapterFeatures(source, chapter.n));
    const targets = chapterTargets(source.targets, chapter.n);
    const base = {
      chapter: chapter.n,
      title_zh: chapter.title_zh,
      title_en: chapter.title_en,
      caption_zh: '',
      caption_en: '',
      camera: null,
      // A chapter that names no place shows the whole city.
      bounds: bounds ?? slideBounds(all),
      filter: { ...NO_FILTER, chapter: bounds ? chapter.n : null },
      selection: null,
      user_layers: []
    };
    slides.push({
      ...base,
      id: `chapter-${chapter.n}`,
      kind: 'chapter',
      targets: targets.slice(0, CHAPTER_HEADLINES).map((t) => t.id)
    });
    if (targets.length > 0)
      slides.push({
        ...base,
        id: `targets-${chapter.n}`,
        kind: 'targets',
        targets: targets.slice(0, MAX_SLIDE_TARGETS).map((t) => t.id)
      });
  }
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    title_zh: '青岛行动计划简报',
    title_en: 'Qingdao action plan briefing',
    slides
  };
}

/** A deck as the file a presenter exports. */
export function serialiseDeck(deck: Deck): string {
  return `${JSON.stringify(deck, null, 2)}\n`;
}

export type DeckReading = { ok: true; deck: Deck } | { ok: false; problem: string };

/** Where in a deck file a problem is, in words: `slides[2].camera.zoom`. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}

/**
 * Reads a deck file: JSON, then the schema. A bad file is answered with the first problem, named by where
 * it is and what is wrong (never a partial deck).
 */
export function parseDeck(textContent: string): DeckReading {
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== DECK_FORMAT)
    return { ok: false, problem: `not a briefing deck: "format" must be "${DECK_FORMAT}"` };
  const result = deckSchema.safeParse(json);
  if (result.success) return { ok: true, deck: result.data };
  const issue = result.error.issues[0]!;
  const where = pathText(issue.path);
  return { ok: false, problem: `${where || 'deck'}: ${issue.message}` };
}

/** A slide id not yet used in the deck. */
export function newSlideId(deck: Pick<Deck, 'slides'>, prefix = 'view'): string {
  const used = new Set(deck.slides.map((s) => s.id));
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** The deck with slide `from` moved to position `to` (both clamped); the same deck when nothing moves. */
export function moveSlide(deck: Deck, from: number, to: number): Deck {
  const last = deck.slides.length - 1;
  const a = Math.max(0, Math.min(last, from));
  const b = Math.max(0, Math.min(last, to));
  if (a === b) return deck;
  const slides = [...deck.slides];
  const [slide] = slides.splice(a, 1);
  slides.splice(b, 0, slide!);
  return { ...deck, slides };
}

/** The deck without slide `index`; a deck keeps at least one slide. */
export function removeSlide(deck: Deck, index: number): Deck {
  if (deck.slides.length <= 1 || index < 0 || index >= deck.slides.length) return deck;
  return { ...deck, slides: deck.slides.filter((_, i) => i !== index) };
}

/** The deck with `slide` inserted after position `after` (at the end when out of range). */
export function insertSlide(deck: Deck, slide: Slide, after: number): Deck {
  const at = after < 0 || after >= deck.slides.length ? deck.slides.length : after + 1;
  const slides = [...deck.slides];
  slides.splice(at, 0, slide);
  return { ...deck, slides };
}

/** The deck with slide `index` changed by `patch`. */
export function updateSlide(deck: Deck, index: number, patch: Partial<Omit<Slide, 'id'>>): Deck {
  return { ...deck, slides: deck.slides.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}
