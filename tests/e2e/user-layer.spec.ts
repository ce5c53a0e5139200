/**
 * A user's own large layer: drawn thinned at a zoom where it would not fit, and the map says so where the
 * layer is listed, in the page's language; zoomed in, every feature is drawn and the note goes.
 */
import { syntheticFeatures } from '../../bench/synthetic';
import { test, expect, waitForMap } from './fixtures';

const data = syntheticFeatures(20_000);

for (const { lang, path, thinned, whole } of [
  {
    lang: 'English',
    path: '/?lang=en',
    thinned: /^survey: showing [\d,]+ of 20,000 features at this zoom; zoom in for all$/,
    whole: 'survey: 20,000 features'
  },
  {
    lang: 'Chinese',
    path: '/',
    thinned: /^survey：此缩放级别显示 20,000 个要素中的 [\d,]+ 个，放大可查看全部$/,
    whole: 'survey：20,000 个要素'
  }
]) {
  test(`a large layer of the user's own says when it is thinned (${lang})`, async ({ page }) => {
    await page.goto(path);
    await waitForMap(page);
    await page.evaluate(async (collection) => {
      const surface = window.qingdaoPlanMap!;
      surface.map.jumpTo({ center: [120.2, 36.35], zoom: 8.8 });
      await surface.addUserData('survey', collection);
    }, data);
    const item = page.getByTestId('user-layer-count');
    await expect(item).toHaveText(thinned);
    const shown = Number(
      (await item.textContent())!
        .match(/([\d,]+)/g)!
        .find((n) => n !== '20,000')!
        .replace(/,/g, '')
    );
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(20_000);

    await page.evaluate(() => window.qingdaoPlanMap!.map.jumpTo({ center: [120.38, 36.07], zoom: 14 }));
    await expect(item).toHaveText(whole);
    await page.evaluate(() => window.qingdaoPlanMap!.removeUserData('survey'));
    await expect(item).toHaveCount(0);
  });
}
