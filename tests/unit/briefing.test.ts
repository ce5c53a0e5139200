/** Briefing mode's pure logic: the default deck, deck files, the keyboard map, the kiosk loop, target bars. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  chapterFeatures,
  defaultDeck,
  insertSlide,
  moveSlide,
  newSlideId,
  parseDeck,
  removeSlide,
  serialiseDeck,
  MAX_SLIDE_TARGETS,
  type Deck
} from '$lib/briefing/deck';
import { keyAction, stepIndex, typeDigit, EMPTY_DIGITS } from '$lib/briefing/keys';
import { KioskLoop, secondsParam } from '$lib/briefing/kiosk';
import { briefingScale, slidePadding } from '$lib/briefing/layout';
import { BRIEFING_EN, BRIEFING_ZH, bt } from '$lib/briefing/messages';
import { targetDisplay, targetsById } from '$lib/briefing/standing';
import { loadStoredDeck, storeDeck, DECK_STORAGE_KEY } from '$lib/briefing/storage';
import { slideUserLayers, toggleUserLayer } from '$lib/briefing/user-layers';
import type { Plan, PlanFeature, Target } from '$lib/plan/schema';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';

// The plan and features as the data build makes them (static/data is not there before a build).
const plan: Plan = buildPlan();
const features: PlanFeature[] = buildFeatures(plan).features;
const source = { ...plan, features };

describe('default deck', () => {
  const deck = defaultDeck(source);

  it('opens with the headline targets, then one slide per chapter and a targets slide where it has targets', () => {
    expect(deck.slides[0]!.kind).toBe('opening');
    expect(deck.slides[0]!.targets.length).toBeGreaterThan(0);
    const chapters = deck.slides.filter((s) => s.kind === 'chapter').map((s) => s.chapter);
    expect(chapters).toEqual(plan.chapters.map((c) => c.n));
    for (const slide of deck.slides.filter((s) => s.kind === 'targets')) {
      expect(slide.targets.length).toBeGreaterThan(0);
      expect(slide.targets.length).toBeLessThanOrEqual(MAX_SLIDE_TARGETS);
      // Every target named is the chapter's own and exists in the data.
      for (const id of slide.targets)
        expect(plan.targets.find((t) => t.id === id)?.chapter).toBe(slide.chapter);
    }
    // Chapters 1 and 12 state no quantity target: no targets slide for them.
    expect(deck.slides.some((s) => s.kind === 'targets' && s.chapter === 1)).toBe(false);
  });

  it("fits each chapter slide to its chapter's places", () => {
    const slide = deck.slides.find((s) => s.id === 'chapter-5')!;
    const own = chapterFeatures(source, 5).filter((f) => !f.properties.regional);
    expect(own.length).toBeGreaterThan(0);
    const [w, s, e, n] = slide.bounds!;
    for (const f of own) {
      const coords = JSON.stringify((f.geometry as GeoJSON.Point).coordinates);
      for (const m of coords.matchAll(/\[(-?[\d.]+),(-?[\d.]+)\]/g)) {
        const [lon, lat] = [Number(m[1]), Number(m[2])];
        expect(lon >= w && lon <= e && lat >= s && lat <= n).toBe(true);
      }
    }
    expect(slide.filter.chapter).toBe(5);
  });

  it('stores no figure: the file holds target ids, never values', () => {
    const text = serialiseDeck(deck);
    expect(text).not.toMatch(/"value"|"outcomes"/);
    expect(parseDeck(text)).toEqual({ ok: true, deck });
  });
});

describe('deck files', () => {
  const deck = defaultDeck(source);
  const withSlide = (patch: Record<string, unknown>) =>
    JSON.stringify({ ...deck, slides: [{ ...deck.slides[0], ...patch }] });

  it('names the problem of a bad file', () => {
    expect(parseDeck('{oops')).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) });
    expect(parseDeck('{"format":"something-else"}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a briefing deck')
    });
    expect(parseDeck(withSlide({ camera: { center: [10, 10], zoom: 9 } }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^slides\[0\]\.camera\.center\[0\]/)
    });
    expect(parseDeck(withSlide({ kind: 'chapter', chapter: null }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^slides\[0\]\.chapter/)
    });
    expect(parseDeck(JSON.stringify({ ...deck, slides: [] }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^slides/)
    });
    expect(parseDeck(withSlide({ extra: 1 }))).toMatchObject({ ok: false });
    const twice = JSON.stringify({ ...deck, slides: [deck.slides[0], deck.slides[0]] });
    expect(parseDeck(twice)).toMatchObject({ ok: false, problem: expect.stringContaining('used twice') });
  });

  it("carries a slide's own layers by id and name, validated like every other field", () => {
    const ref = { id: '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f', name: '我的站点 <b>x</b>' };
    const read = parseDeck(withSlide({ user_layers: [ref] }));
    expect(read).toMatchObject({ ok: true });
    if (read.ok) expect(read.deck.slides[0]!.user_layers).toEqual([ref]);
    // A deck from before slides named user layers reads as slides with none.
    const older: Record<string, unknown> = { ...deck.slides[0]! };
    delete older.user_layers;
    const old = parseDeck(JSON.stringify({ ...deck, slides: [older] }));
    expect(old.ok && old.deck.slides[0]!.user_layers).toEqual([]);
    for (const [bad, where] of [
      [[{ id: '../../x', name: 'a' }], /^slides\[0\]\.user_layers\[0\]\.id/],
      [[{ id: 'a', name: 'x'.repeat(201) }], /^slides\[0\]\.user_layers\[0\]\.name/],
      [[{ id: 'a', name: 'a', features: [] }], /^slides\[0\]\.user_layers\[0\]/],
      [
        [
          { id: 'a', name: 'a' },
          { id: 'a', name: 'b' }
        ],
        /^slides\[0\]\.user_layers\[1\]\.id: .*twice/
      ],
      [Array.from({ length: 21 }, (_, i) => ({ id: `l${i}`, name: '' })), /^slides\[0\]\.user_layers/],
      ['a', /^slides\[0\]\.user_layers/]
    ] as const)
      expect(parseDeck(withSlide({ user_layers: bad }))).toMatchObject({
        ok: false,
        problem: expect.stringMatching(where)
      });
  });

  it("sorts a slide's own layers into those this browser holds and those it does not", () => {
    const stored = [
      { meta: { id: 'b', name: 'B' } },
      { meta: { id: 'a', name: 'A' } },
      { meta: { id: 'c', name: 'C' } }
    ];
    const refs = [
      { id: 'a', name: 'A' },
      { id: 'gone', name: '别处导入的' },
      { id: 'b', name: 'B (old name)' }
    ];
    const { shown, missing } = slideUserLayers(refs, stored);
    expect(shown.map((e) => e.meta.id)).toEqual(['b', 'a']);
    expect(missing).toEqual([{ id: 'gone', name: '别处导入的' }]);
    expect(toggleUserLayer(refs, { id: 'gone', name: 'x' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(toggleUserLayer(refs, { id: 'c', name: 'C' }).at(-1)).toEqual({ id: 'c', name: 'C' });
  });

  it('moves, inserts and removes slides', () => {
    const small: Deck = { ...deck, slides: deck.slides.slice(0, 3) };
    const ids = (d: Deck) => d.slides.map((s) => s.id);
    expect(ids(moveSlide(small, 0, 2))).toEqual([small.slides[1]!.id, small.slides[2]!.id, 'opening']);
    expect(moveSlide(small, 1, 1)).toBe(small);
    expect(ids(removeSlide(small, 1))).toEqual(['opening', small.slides[2]!.id]);
    expect(removeSlide({ ...small, slides: [small.slides[0]!] }, 0).slides).toHaveLength(1);
    const id = newSlideId(small);
    expect(id).toBe('view-1');
    const added = insertSlide(small, { ...small.slides[0]!, id, kind: 'view' }, 0);
    expect(ids(added)[1]).toBe('view-1');
    expect(newSlideId(added)).toBe('view-2');
  });

  it('keeps a deck in the browser and reports a stored deck that no longer reads', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v)
    };
    expect(loadStoredDeck(storage)).toEqual({ deck: null, problem: null });
    storeDeck(storage, deck);
    expect(loadStoredDeck(storage).deck).toEqual(deck);
    store.set(DECK_STORAGE_KEY, '{"format":"qingdao-plan-map/briefing-deck","version":2}');
    expect(loadStoredDeck(storage)).toMatchObject({
      deck: null,
      problem: expect.stringContaining('version')
    });
  });
});

describe('keys', () => {
  it('maps clicker and keyboard keys', () => {
    for (const key of ['PageDown', 'ArrowRight', 'ArrowDown', ' '])
      expect(keyAction({ key })).toEqual({ type: 'next' });
    for (const key of ['PageUp', 'ArrowLeft', 'ArrowUp'])
      expect(keyAction({ key })).toEqual({ type: 'previous' });
    expect(keyAction({ key: ' ', shiftKey: true })).toEqual({ type: 'previous' });
    expect(keyAction({ key: 'Home' })).toEqual({ type: 'first' });
    expect(keyAction({ key: 'End' })).toEqual({ type: 'last' });
    expect(keyAction({ key: 'r' })).toEqual({ type: 'return' });
    expect(keyAction({ key: 'Backspace' })).toEqual({ type: 'return' });
    expect(keyAction({ key: 'Escape' })).toEqual({ type: 'escape' });
    expect(keyAction({ key: '7' })).toEqual({ type: 'goto', slide: 7 });
    expect(keyAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'x' })).toBeNull();
  });

  it('steps within the deck, wrapping only for the kiosk loop', () => {
    expect(stepIndex(0, 3, 'next')).toBe(1);
    expect(stepIndex(2, 3, 'next')).toBe(2);
    expect(stepIndex(2, 3, 'next', true)).toBe(0);
    expect(stepIndex(0, 3, 'previous')).toBe(0);
    expect(stepIndex(1, 3, 'last')).toBe(2);
  });

  it('joins digits typed quickly into one slide number', () => {
    let typed = typeDigit(EMPTY_DIGITS, '1', 1000, 23);
    expect(typed.slide).toBe(1);
    typed = typeDigit(typed.buffer, '2', 1300, 23);
    expect(typed.slide).toBe(12);
    // Too slow: a new number.
    expect(typeDigit(typed.buffer, '3', 5000, 23).slide).toBe(3);
    // 12 then 5 is 125, beyond the deck: slide 5.
    expect(typeDigit(typed.buffer, '5', 1500, 23).slide).toBe(5);
    expect(typeDigit(EMPTY_DIGITS, '0', 0, 23).slide).toBeNull();
  });
});

describe('kiosk loop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('advances on its interval, pauses on input and resumes after a quiet period', () => {
    const onAdvance = vi.fn();
    const kiosk = new KioskLoop({ intervalMs: 1000, quietMs: 3000, onAdvance });
    kiosk.start();
    vi.advanceTimersByTime(2500);
    expect(onAdvance).toHaveBeenCalledTimes(2);
    kiosk.interact();
    expect(kiosk.state).toBe('paused');
    vi.advanceTimersByTime(2900);
    expect(onAdvance).toHaveBeenCalledTimes(2);
    kiosk.interact(); // input again: the quiet period starts over
    vi.advanceTimersByTime(2900);
    expect(onAdvance).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(200);
    expect(kiosk.state).toBe('running');
    vi.advanceTimersByTime(1000);
    expect(onAdvance).toHaveBeenCalledTimes(3);
    kiosk.stop();
    vi.advanceTimersByTime(10_000);
    expect(onAdvance).toHaveBeenCalledTimes(3);
    kiosk.interact();
    expect(kiosk.state).toBe('off');
  });

  it('reads its seconds from the URL within bounds', () => {
    expect(secondsParam(null, 20)).toBe(20);
    expect(secondsParam('2', 20)).toBe(2);
    expect(secondsParam('0', 20)).toBe(0.5);
    expect(secondsParam('soon', 20)).toBe(20);
  });
});

describe('targets on screen', () => {
  const target = (patch: Partial<Target>): Target => ({ ...plan.targets[0]!, ...patch });
  const withOutcomes = plan.targets.filter((t) => t.outcomes.length > 0);

  it('draws no bar and shows no figure where nothing is published', () => {
    const none = targetDisplay(target({ outcomes: [] }));
    expect(none).toMatchObject({ state: 'none', outcome: null, bar: null, share: null, compared: false });
  });

  it('draws a bar only for a figure compared with the target, and the figure is one the data holds', () => {
    let bars = 0;
    for (const t of withOutcomes) {
      const d = targetDisplay(t);
      expect(t.outcomes).toContainEqual(d.outcome);
      if (d.bar !== null) {
        bars++;
        expect(d.compared).toBe(true);
        expect(d.outcome!.like_for_like).toBe(true);
        expect(d.bar).toBeGreaterThanOrEqual(0);
        expect(d.bar).toBeLessThanOrEqual(1);
      }
    }
    expect(bars).toBeGreaterThan(0);
    expect(targetsById(plan.targets, ['a41-1', 'no-such'])).toHaveLength(
      plan.targets.some((t) => t.id === 'a41-1') ? 1 : 0
    );
  });
});

describe('screen and strings', () => {
  it('scales symbols with the screen', () => {
    expect(briefingScale(1280, 720)).toBe(1);
    expect(briefingScale(3840, 2160)).toBe(2);
    const p = slidePadding('chapter', 3840, 2160);
    expect(p.right).toBeGreaterThan(p.left);
    expect(p.bottom).toBeGreaterThan(p.top);
  });

  it('has every string in both languages, placeholders kept', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(BRIEFING_ZH) as (keyof typeof BRIEFING_ZH)[]) {
      expect(holes(BRIEFING_EN[key]), key).toEqual(holes(BRIEFING_ZH[key]));
      if (key !== 'language' && key !== 'keysHelp')
        expect(BRIEFING_EN[key], key).not.toMatch(/[\u3400-\u9fff]/);
    }
    expect(bt('slideOf', 'en', { n: 2, count: 9 })).toBe('Slide 2 of 9');
  });
});
