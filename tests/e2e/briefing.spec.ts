/**
 * Briefing mode on a 4K screen: keys and clicker move through the slides and the camera lands on each
 * slide's view; exploring by hand and one key brings the slide back; the kiosk loop advances and pauses on
 * input; captions and target figures are tall enough to read from the back of a room; and after one visit
 * the briefing works with the network cut. Screenshots of the slides and the editor go to test-results/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, countColourPixels, screenshotPixels, waitForMap } from './fixtures';

const W = 3840;
const H = 2160;
/** The smallest caption and target-figure height, in CSS pixels, on a 3840×2160 screen. */
const MIN_TEXT_PX = 48;

test.use({ viewport: { width: W, height: H } });
// A 4K frame drawn in software WebGL (the test machines have no GPU) takes seconds: a first view of the
// briefing can take a minute and more to settle.
test.describe.configure({ timeout: 300_000 });
const SETTLE = 180_000;

async function waitForBriefing(page: Page) {
  const map = page.getByTestId('briefing-map');
  await expect(map).toHaveAttribute('data-overlay', 'ready', { timeout: SETTLE });
  await expect(map).toHaveAttribute('data-idle', 'true', { timeout: SETTLE });
}

/** Waits for the camera to come to rest, then reads it and the camera the slide says it landed on. */
async function restingCamera(page: Page) {
  await expect(page.getByTestId('briefing-map')).toHaveAttribute('data-idle', 'true', { timeout: SETTLE });
  return page.evaluate(() => {
    const b = window.qingdaoBriefing!;
    const map = b.map()!;
    const c = map.getCenter();
    const bounds = map.getBounds();
    return {
      center: [c.lng, c.lat] as [number, number],
      zoom: map.getZoom(),
      landed: b.camera(),
      slideBounds: b.slide().bounds,
      view: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
    };
  });
}

function expectAt(camera: Awaited<ReturnType<typeof restingCamera>>, center: [number, number], zoom: number) {
  expect(Math.abs(camera.center[0] - center[0])).toBeLessThan(1e-4);
  expect(Math.abs(camera.center[1] - center[1])).toBeLessThan(1e-4);
  expect(Math.abs(camera.zoom - zoom)).toBeLessThan(0.01);
}

const slideIndex = (page: Page) => page.getByTestId('briefing');

/**
 * Every target card on the slide shows its figures, dates, marks and source whole: inside the screen, inside
 * every box that clips it, and not covered by anything else; returns how many cards there are.
 */
async function expectCardsWhole(page: Page): Promise<number> {
  const { cards, problems } = await page.evaluate(() => {
    const problems: string[] = [];
    const cards = [...document.querySelectorAll<HTMLElement>('[data-target]')];
    for (const card of cards)
      for (const part of card.querySelectorAll<HTMLElement>('.figure, .period, .source, .mark')) {
        const r = part.getBoundingClientRect();
        const clip = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
        for (let el = part.parentElement; el; el = el.parentElement) {
          if (getComputedStyle(el).overflow === 'visible') continue;
          const c = el.getBoundingClientRect();
          clip.top = Math.max(clip.top, c.top);
          clip.left = Math.max(clip.left, c.left);
          clip.bottom = Math.min(clip.bottom, c.bottom);
          clip.right = Math.min(clip.right, c.right);
        }
        const name = `${card.dataset.target} .${part.className.split(' ')[0]}`;
        if (
          r.top < clip.top - 1 ||
          r.bottom > clip.bottom + 1 ||
          r.left < clip.left - 1 ||
          r.right > clip.right + 1
        )
          problems.push(`${name} is cut`);
        const hit = document.elementFromPoint(
          r.left + Math.min(4, r.width / 2),
          r.bottom - Math.min(4, r.height / 2)
        );
        if (!hit || !card.contains(hit)) problems.push(`${name} is covered`);
      }
    return { cards: cards.length, problems };
  });
  expect(problems).toEqual([]);
  return cards;
}

test('keys and clicker move through the slides, the camera lands on each slide, exploring returns, type is large', async ({
  page
}) => {
  await page.goto('/briefing');
  await waitForBriefing(page);
  const briefing = slideIndex(page);
  await expect(briefing).toHaveAttribute('data-slide-index', '0');
  await page.screenshot({ path: 'test-results/briefing-opening-3840.png' });
  // The opening slide's four headline targets fit whole on a 4K screen.
  expect(await expectCardsWhole(page)).toBe(4);
  await expect(page.getByTestId('more-headlines')).toHaveCount(0);

  for (const [key, index] of [
    ['PageDown', 1],
    ['ArrowRight', 2],
    ['PageUp', 1],
    [' ', 2],
    ['ArrowLeft', 1],
    ['End', null],
    ['Home', 0],
    ['3', 2]
  ] as const) {
    await page.keyboard.press(key);
    if (index === null) {
      const count = await page.evaluate(() => window.qingdaoBriefing!.count());
      await expect(briefing).toHaveAttribute('data-slide-index', String(count - 1));
    } else await expect(briefing).toHaveAttribute('data-slide-index', String(index));
  }
  await expect(page).toHaveURL(/[?&]slide=3\b/);

  // A chapter slide: the camera comes to rest on the slide's view, which holds all of the chapter's places.
  await page.keyboard.press('3');
  await expect(briefing).toHaveAttribute('data-slide-id', 'chapter-2');
  const chapter = await restingCamera(page);
  expectAt(chapter, chapter.landed!.center, chapter.landed!.zoom);
  const [w, s, e, n] = chapter.slideBounds!;
  expect(chapter.view[0]).toBeLessThanOrEqual(w);
  expect(chapter.view[1]).toBeLessThanOrEqual(s);
  expect(chapter.view[2]).toBeGreaterThanOrEqual(e);
  expect(chapter.view[3]).toBeGreaterThanOrEqual(n);
  await page.screenshot({ path: 'test-results/briefing-chapter-3840.png' });

  // Legible from the back of the room: the title, captions and target figures at least 48 px tall.
  const heights = async (selector: string) =>
    page.locator(selector).evaluateAll((elements) =>
      elements.map((el) => ({
        font: parseFloat(getComputedStyle(el).fontSize),
        box: el.getBoundingClientRect().height
      }))
    );
  const measured = [
    ...(await heights('[data-testid=slide-title]')),
    ...(await heights('[data-testid=slide-caption]')),
    ...(await heights('[data-testid=target-figure]')),
    ...(await heights('[data-testid=outcome-figure]'))
  ];
  expect(measured.length).toBeGreaterThanOrEqual(4);
  for (const m of measured) {
    expect(m.font).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    expect(m.box).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  }
  // A legend and the credits on the slide, and a QR code of the view.
  await expect(page.getByTestId('legend')).toBeVisible();
  await expect(page.getByTestId('credits')).toContainText('OpenStreetMap');
  await expect(page.getByTestId('briefing-qr').locator('path')).toHaveAttribute('d', /^M\d+ \d+h\d+/);

  // Drag the map by hand: the briefing says it is exploring and how to come back; R brings the slide back.
  await page.mouse.move(1400, 900);
  await page.mouse.down();
  await page.mouse.move(1700, 1100, { steps: 8 });
  await page.mouse.up();
  await expect(briefing).toHaveAttribute('data-exploring', 'true');
  await expect(page.getByTestId('exploring')).toContainText('R');
  const moved = await restingCamera(page);
  expect(Math.abs(moved.center[0] - chapter.center[0])).toBeGreaterThan(0.001);
  await page.keyboard.press('r');
  await expect(briefing).toHaveAttribute('data-exploring', 'false');
  const back = await restingCamera(page);
  expectAt(back, chapter.center, chapter.zoom);

  // Its targets slide, then the next chapter: the camera flies on and lands again.
  await page.keyboard.press('PageDown');
  await expect(briefing).toHaveAttribute('data-slide-kind', 'targets');
  await expect(page.getByTestId('target-bars')).toBeVisible();
  await page.screenshot({ path: 'test-results/briefing-targets-3840.png' });
  await page.keyboard.press('PageDown');
  await expect(briefing).toHaveAttribute('data-slide-id', 'chapter-3');
  const next = await restingCamera(page);
  expectAt(next, next.landed!.center, next.landed!.zoom);
  const [w3, s3, e3, n3] = next.slideBounds!;
  expect(next.view[0]).toBeLessThanOrEqual(w3);
  expect(next.view[1]).toBeLessThanOrEqual(s3);
  expect(next.view[2]).toBeGreaterThanOrEqual(e3);
  expect(next.view[3]).toBeGreaterThanOrEqual(n3);
  expect(Math.abs(next.center[0] - chapter.center[0]) + Math.abs(next.zoom - chapter.zoom)).toBeGreaterThan(
    0.01
  );
});

test('the kiosk loop advances on its interval and pauses on input', async ({ page }) => {
  // A long quiet period: a 4K frame in software WebGL can hold the page for seconds.
  await page.goto('/briefing?kiosk=2&quiet=25');
  const briefing = slideIndex(page);
  await expect(briefing).toHaveAttribute('data-kiosk', 'running', { timeout: SETTLE });
  const index = async () => Number(await briefing.getAttribute('data-slide-index'));
  // It moves on by itself, slide after slide (while the map is still drawing its first 4K frames).
  const first = await index();
  await expect.poll(index, { timeout: 30_000 }).toBeGreaterThan(first);
  const second = await index();
  await expect.poll(index, { timeout: 30_000 }).toBeGreaterThan(second);

  // Input pauses the loop: the slide stays for longer than an interval.
  // (A press at a fixed point on the slide counter's panel: its text changes with each slide, which would
  // keep a locator click waiting for it to hold still.)
  const counter = (await page.getByTestId('slide-counter').boundingBox())!;
  await page.mouse.click(counter.x + 4, counter.y + 4);
  await expect(briefing).toHaveAttribute('data-kiosk', 'paused');
  await expect(page.getByTestId('kiosk-status')).toBeVisible();
  const paused = await index();
  await page.waitForTimeout(6000);
  expect(await index()).toBe(paused);
  await expect(briefing).toHaveAttribute('data-kiosk', 'paused');

  // After the quiet period it runs again and moves on.
  await expect(briefing).toHaveAttribute('data-kiosk', 'running', { timeout: 60_000 });
  await expect.poll(index, { timeout: 30_000 }).not.toBe(paused);
});

test.describe('the slide editor', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a slide with its own camera lands exactly there', async ({ page }) => {
    const deck = {
      format: 'qingdao-plan-map/briefing-deck',
      version: 1,
      title_zh: '测试',
      title_en: 'Test',
      slides: [
        {
          id: 'view-1',
          kind: 'view',
          chapter: null,
          title_zh: '市南区海岸',
          title_en: 'The Shinan shore',
          caption_zh: '从这里看海湾',
          caption_en: 'The bay from here',
          camera: { center: [120.38, 36.07], zoom: 12 },
          bounds: null,
          filter: { layers: null, statuses: null, chapter: null },
          selection: null,
          targets: []
        },
        {
          id: 'view-2',
          kind: 'view',
          chapter: null,
          title_zh: '胶州湾',
          title_en: 'Jiaozhou Bay',
          caption_zh: '',
          caption_en: '',
          camera: { center: [120.2, 36.15], zoom: 10.5 },
          bounds: null,
          filter: { layers: ['transport'], statuses: null, chapter: null },
          selection: null,
          targets: []
        }
      ]
    };
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('qingdao-plan-map:briefing-deck', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, JSON.stringify(deck));
    await page.goto('/briefing');
    await waitForBriefing(page);
    await expect(page.getByTestId('slide-title')).toHaveText('市南区海岸');
    expectAt(await restingCamera(page), [120.38, 36.07], 12);

    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('slide-title')).toHaveText('胶州湾');
    expectAt(await restingCamera(page), [120.2, 36.15], 10.5);
  });

  test('high contrast switches the slides to the high-contrast palette, and its text passes AAA contrast', async ({
    page
  }) => {
    await page.goto('/briefing');
    await waitForBriefing(page);
    const colours = () =>
      page.evaluate(() => {
        const title = document.querySelector('[data-testid=slide-title]')!;
        const panel = title.closest('section')!;
        const figure = document.querySelector('[data-testid=target-figure]')!;
        const map = window.qingdaoBriefing!.map()!;
        return {
          title: getComputedStyle(title).color,
          panel: getComputedStyle(panel).backgroundColor,
          figure: getComputedStyle(figure).color,
          sea: String(map.getPaintProperty('background', 'background-color'))
        };
      });
    const before = await colours();
    expect(before.title).toBe('rgb(17, 24, 39)');
    await page.keyboard.press('c');
    await expect(page.getByTestId('briefing')).toHaveClass(/contrast/);
    const after = await colours();
    // White text on a near-black panel, a dark sea on the map.
    expect(after).toEqual({
      title: 'rgb(255, 255, 255)',
      panel: 'rgba(0, 0, 0, 0.92)',
      figure: 'rgb(255, 255, 255)',
      sea: '#0b2a45'
    });
    // Contrast of the title against its panel composited over the lightest land (#fdfcf7): at least 7:1.
    const rgb = (css: string) => css.match(/[\d.]+/g)!.map(Number);
    const [r, g, b, a = 1] = rgb(after.panel);
    const land = [0xfd, 0xfc, 0xf7];
    const panel = [r!, g!, b!].map((c, i) => c * a + land[i]! * (1 - a));
    const luminance = (c: number[]) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (luminance(rgb(after.title)) + 0.05) / (luminance(panel) + 0.05);
    expect(ratio).toBeGreaterThanOrEqual(7);
    await page.keyboard.press('c');
    expect((await colours()).title).toBe(before.title);
  });

  test('adds a slide from the view, and a bad deck file is named without touching the deck', async ({
    page
  }) => {
    await page.goto('/briefing?slide=3');
    await waitForBriefing(page);
    // Target cards are whole on a small screen too: those that do not fit are left out and counted.
    expect(await expectCardsWhole(page)).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-index', '0');
    const opening = await expectCardsWhole(page);
    expect(opening).toBeGreaterThanOrEqual(2);
    if (opening < 4) await expect(page.getByTestId('more-headlines')).toContainText(String(4 - opening));
    // Two digits typed quickly go to slide 12 (sent together: a busy test machine can take longer between
    // two key presses than a presenter does).
    await page.evaluate(() => {
      for (const key of ['1', '2'])
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    });
    await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-index', '11');
    await expect(page).toHaveURL(/[?&]slide=12\b/);
    await page.keyboard.press('3');
    await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-index', '2');
    await page.keyboard.press('e');
    const editor = page.getByTestId('slide-editor');
    await expect(editor).toBeVisible();
    const count = await editor.getByTestId('editor-slide').count();
    await page.screenshot({ path: 'test-results/briefing-editor-1280.png' });

    await editor.getByTestId('add-slide').click();
    await expect(editor.getByTestId('editor-slide')).toHaveCount(count + 1);
    await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-kind', 'view');
    await editor.getByTestId('caption-zh').fill('新的说明');
    await expect(page.getByTestId('slide-caption').first()).toHaveText('新的说明');

    await editor.getByTestId('import-deck').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'qingdao-plan-map/briefing-deck',
          version: 1,
          title_zh: 'x',
          title_en: 'x',
          slides: [{ id: 'a', kind: 'view' }]
        })
      )
    });
    await expect(editor.getByTestId('import-message')).toContainText('broken.json');
    await expect(editor.getByTestId('import-message')).toContainText('slides[0]');
    await expect(editor.getByTestId('editor-slide')).toHaveCount(count + 1);

    // The deck outlives a reload (kept in the browser).
    await page.reload();
    await waitForBriefing(page);
    await page.keyboard.press('e');
    await expect(page.getByTestId('slide-editor').getByTestId('editor-slide')).toHaveCount(count + 1);
  });
});

test("a slide shows the user's own layers it names, and says which it names that this browser lacks", async ({
  page
}) => {
  // A layer imported on the map page, kept in this browser (IndexedDB).
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await waitForMap(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'valid.geojson',
    mimeType: 'application/geo+json',
    buffer: readFileSync(new URL('../fixtures/import/valid.geojson', import.meta.url))
  });
  await expect(page.getByTestId('import-added')).toHaveCount(1);
  const stored = await page.evaluate(
    () =>
      new Promise<{ id: string; name: string; colour: string }>((resolve, reject) => {
        const request = indexedDB.open('qingdao-plan-map-user-layers');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('meta').objectStore('meta').getAll();
          all.onsuccess = () => {
            const meta = all.result[0] as { id: string; name: string; style: { colour: string } };
            request.result.close();
            resolve({ id: meta.id, name: meta.name, colour: meta.style.colour });
          };
        };
      })
  );
  // A deck whose first slide names that layer and one imported on another machine; the second names none.
  const view = (id: string, user_layers: { id: string; name: string }[]) => ({
    id,
    kind: 'view',
    chapter: null,
    title_zh: '我的图层',
    title_en: 'My layer',
    caption_zh: '',
    caption_en: '',
    camera: { center: [120.35, 36.07], zoom: 12 },
    bounds: null,
    filter: { layers: [], statuses: null, chapter: null },
    selection: null,
    targets: [],
    user_layers
  });
  const deck = {
    format: 'qingdao-plan-map/briefing-deck',
    version: 1,
    title_zh: '测试',
    title_en: 'Test',
    slides: [
      view('view-1', [
        { id: stored.id, name: stored.name },
        { id: 'from-another-machine', name: '外来图层' }
      ]),
      view('view-2', [])
    ]
  };
  await page.evaluate(
    (text) => localStorage.setItem('qingdao-plan-map:briefing-deck', text),
    JSON.stringify(deck)
  );

  await page.setViewportSize({ width: W, height: H });
  await page.goto('/briefing');
  await waitForBriefing(page);
  const map = page.getByTestId('briefing-map');
  await expect(map).toHaveAttribute('data-user-layers', 'ready', { timeout: SETTLE });
  const drawn = () => page.evaluate(() => window.qingdaoBriefing!.userLayers());
  expect(await drawn()).toEqual([{ id: stored.id, visible: true }]);
  await expect(page.getByTestId('legend-user-layer')).toHaveText(stored.name);
  // The layer this browser does not hold is named, and the slide carries on without it.
  await expect(page.getByTestId('missing-user-layers')).toContainText('外来图层');
  await expect(page.getByTestId('missing-user-layers')).not.toContainText(stored.name);
  await expect(map).toHaveAttribute('data-idle', 'true', { timeout: SETTLE });
  await page.screenshot({ path: 'test-results/briefing-user-layer-3840.png' });

  // Drawn in its colour where its points are (五四广场, 台东), and gone on a slide that does not name it.
  const rgb = [1, 3, 5].map((i) => parseInt(stored.colour.slice(i, i + 2), 16));
  const points = await page.evaluate(() =>
    [
      [120.3845, 36.062],
      [120.348131, 36.082545]
    ].map(([lon, lat]) => window.qingdaoBriefing!.map()!.project([lon!, lat!]))
  );
  const inColour = async () => {
    const png = await screenshotPixels(page);
    return points.reduce((n, p) => n + countColourPixels(png, p.x, p.y, rgb, 12, 40), 0);
  };
  expect(await inColour()).toBeGreaterThan(20);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-id', 'view-2');
  await expect.poll(drawn).toEqual([{ id: stored.id, visible: false }]);
  await expect(map).toHaveAttribute('data-idle', 'true', { timeout: SETTLE });
  expect(await inColour()).toBe(0);
  await expect(page.getByTestId('legend-user-layer')).toHaveCount(0);
  await expect(page.getByTestId('missing-user-layers')).toHaveCount(0);

  // The editor lists the browser's layers: ticking it puts it on this slide, and the deck keeps the reference.
  await page.keyboard.press('e');
  const mine = page.getByTestId('editor-user-layers').getByRole('checkbox', { name: stored.name });
  await expect(mine).not.toBeChecked();
  await mine.check();
  await expect.poll(drawn).toEqual([{ id: stored.id, visible: true }]);
  const kept = await page.evaluate(() => localStorage.getItem('qingdao-plan-map:briefing-deck')!);
  expect(JSON.parse(kept).slides[1].user_layers).toEqual([{ id: stored.id, name: stored.name }]);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a new version is announced and waits: nothing changes under a running briefing until asked', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/briefing?slide=2');
    await waitForBriefing(page);
    const status = page.getByTestId('offline-status');
    await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    // A second build served: the same site with another version, written over the service worker the preview
    // server serves (the same length: the server keeps each file's size from its start).
    const file = fileURLToPath(new URL('../../.svelte-kit/output/client/service-worker.js', import.meta.url));
    const original = readFileSync(file, 'utf8');
    const version = /`(\d{13})`/.exec(original)![1]!;
    const next = String(Number(version) + 1);
    await expect(status).toContainText(version);
    type Marked = Window & { sameDocument?: boolean };
    await page.evaluate(() => ((window as Marked).sameDocument = true));
    writeFileSync(file, original.replaceAll(version, next));
    try {
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const prompt = page.getByTestId('update-ready');
      await expect(prompt).toBeVisible({ timeout: 120_000 });
      // It waits: the same page, the same slide, the old version in charge, for as long as nobody asks.
      await page.waitForTimeout(5000);
      expect(await page.evaluate(() => (window as Marked).sameDocument)).toBe(true);
      await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-index', '1');
      await expect(status).toContainText(version);
      expect(
        await page.evaluate(async () => {
          const registration = (await navigator.serviceWorker.getRegistration())!;
          return registration.waiting !== null;
        })
      ).toBe(true);
      // Asked, the page reloads into the new version.
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await prompt.getByRole('button').click();
      await reloaded;
      expect(await page.evaluate(() => (window as Marked).sameDocument ?? false)).toBe(false);
      await expect(status).toContainText(next, { timeout: 120_000 });
    } finally {
      writeFileSync(file, original);
    }
  });

  test('one visit of the map page, and no other, makes the whole site ready offline', async ({
    page,
    context
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await waitForMap(page);
    // Registered once the map is drawn and at rest; the copy is complete when its marker is written.
    await expect
      .poll(() => page.evaluate(async () => (await caches.match('/__offline-copy-complete')) !== undefined), {
        timeout: 120_000
      })
      .toBe(true);
    await context.setOffline(true);
    await page.goto('/briefing');
    await waitForBriefing(page);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('target-figure').first()).toBeVisible();
    await page.goto('/articles/56');
    await expect(page.locator('h1')).toBeVisible();
  });

  test('after one visit, a reload with the network cut shows the map, its labels and the data', async ({
    page,
    context
  }) => {
    await page.goto('/briefing');
    await waitForBriefing(page);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000
    });
    await expect(page.getByTestId('offline-status')).toContainText(/离线|offline/);

    await context.setOffline(true);
    await page.reload();
    await waitForBriefing(page);
    await expect(page.getByTestId('slide-title')).toBeVisible();
    await expect(page.getByTestId('target-figure').first()).toBeVisible();
    // The labels drew (their glyphs come from the cached font files) and the plan's data is there.
    const drawn = await page.evaluate(() => {
      const map = window.qingdaoBriefing!.map()!;
      return {
        labels: map.queryRenderedFeatures({ layers: ['district-label'] }).length,
        land: map.querySourceFeatures('land').length
      };
    });
    expect(drawn.labels).toBeGreaterThan(0);
    expect(drawn.land).toBeGreaterThan(0);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('briefing')).toHaveAttribute('data-slide-id', 'chapter-2');
    await waitForBriefing(page);
  });
});
