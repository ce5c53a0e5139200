/**
 * How the plan reads without interaction: names drawn on the map (from the zoom each fits, in the interface
 * language, following the layer filters, the selected one on top), and sketched lines drawn as the band
 * they may lie in rather than as a street-level alignment.
 */
import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import {
  test,
  expect,
  waitForMap,
  mapBox,
  project,
  screenshotPixels,
  pixel,
  colourDistance,
  loadFeatures,
  quietPointOnLine
} from './fixtures';
import { LAYERS } from '../../src/lib/plan/layers';
import { hexToRgba } from '../../src/lib/map/colour';
import { CORRIDOR_FADE_PX, corridorZoom } from '../../src/lib/map/symbology-scale';

type View = { zoom: number; lat: number; lon: number };

const PORT = { lon: 119.797562, lat: 35.626117 }; // 董家口港区's label point (static/data, label_point)
const FARM = { lon: 121.16806, lat: 36.316471 }; // peninsula-south-3-offshore-wind's label point

/** The names MapLibre has placed on screen in one of the plan's label layers. */
function placedNames(page: Page, layer: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      window
        .qingdaoPlanMap!.map.queryRenderedFeatures({ layers: [id] })
        .map((f) => String(f.properties['name'])),
    layer
  );
}

test('the plan’s places are named on the map from the zoom they fit, in the interface language', async ({
  page
}) => {
  await page.goto(`/#map=12/${PORT.lat}/${PORT.lon}`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-area-labels')).toContain('董家口港区');
  await expect.poll(() => placedNames(page, 'plan-point-labels')).toContain('董家口LNG项目');

  // Below the zoom at which an area is wider than its name, it is not named: a wind farm alone at sea,
  // named from zoom 11, where nothing else would keep its name off (at the port, other names would).
  const farm = '国家电投山东半岛南3号海上风电场（30.16万千瓦）';
  for (const [zoom, named] of [
    [10, false],
    [11, true]
  ] as const) {
    // A fresh page each time: a hash changed on the open map can race MapLibre's delayed address-bar write.
    await page.goto('about:blank');
    await page.goto(`/#map=${zoom}/${FARM.lat}/${FARM.lon}`);
    await waitForMap(page);
    if (named) await expect.poll(() => placedNames(page, 'plan-area-labels')).toContain(farm);
    else {
      await expect.poll(() => placedNames(page, 'plan-area-labels')).not.toEqual([]);
      expect(await placedNames(page, 'plan-area-labels')).not.toContain(farm);
    }
  }

  // In English when the interface is; a hidden layer takes its names with it.
  await page.goto(`/?lang=en#map=11/${PORT.lat}/${PORT.lon}&layers=energy`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-point-labels')).toContain('Dongjiakou LNG terminal');
  expect(await placedNames(page, 'plan-area-labels')).not.toContain('Dongjiakou Port Area');
});

test('the selected feature’s name is drawn on top, once', async ({ page }) => {
  await page.goto(`/#map=11/${PORT.lat}/${PORT.lon}&sel=port-dongjiakou`);
  await waitForMap(page);
  await expect.poll(() => placedNames(page, 'plan-selected-label')).toEqual(['董家口港区']);
  expect(await placedNames(page, 'plan-area-labels')).not.toContain('董家口港区');
});

/** Share of the points on a ring of `radius` pixels round (x, y) whose colour differs between two shots. */
function changedOnRing(a: PNG, b: PNG, x: number, y: number, radius: number): number {
  let changed = 0;
  const n = 24;
  for (let i = 0; i < n; i++) {
    const angle = (i / n) * 2 * Math.PI;
    const [px, py] = [x + radius * Math.cos(angle), y + radius * Math.sin(angle)];
    if (colourDistance(pixel(a, px, py), pixel(b, px, py)) > 6) changed++;
  }
  return changed / n;
}

/** The view with and without the transport layer (every other layer hidden), as pixels. */
const withAndWithout = (page: Page, view: { zoom: number; lat: number; lon: number }) =>
  layerShownAndHidden(page, view, 'transport');

test('an indicative railway is a band as wide as its uncertainty at zoom 13, a metro line stays a line', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const railway = features.find((f) => f.properties.id === 'rail-jimo-haiyang')!;
  expect(railway.properties.precision).toBe('indicative');
  expect(railway.properties.uncertainty_m).toBe(3000);
  const [lon, lat] = railway.properties.label_point!;
  const view = { zoom: 13, lat, lon };
  const rail = await withAndWithout(page, view);
  const at = project(view, rail.box, lon, lat);
  // 3 km each side is about 190 px at zoom 13 here: 60 px off the line in every direction is still the band.
  expect(changedOnRing(rail.shown, rail.hidden, at.x, at.y, 60)).toBe(1);
  // The dashed line itself has faded out: nothing of its colour is left on it.
  const lineColour = [0xdf, 0x1b, 0x55];
  expect(colourDistance(pixel(rail.shown, at.x, at.y), lineColour)).toBeGreaterThan(60);

  const metro = features.find((f) => f.properties.id === 'metro-line-11')!;
  const [mLon, mLat] = quietPointOnLine(metro);
  const metroView = { zoom: 13, lat: mLat, lon: mLon };
  const line = await withAndWithout(page, metroView);
  const on = project(metroView, line.box, mLon, mLat);
  // Drawn at its middle, and nothing of it 25 px away.
  expect(changedOnRing(line.shown, line.hidden, on.x, on.y, 1.5)).toBeGreaterThan(0.5);
  expect(changedOnRing(line.shown, line.hidden, on.x, on.y, 25)).toBeLessThan(0.15);
});

/** The view with only `layers` shown and with nothing shown, as pixels. */
async function layerShownAndHidden(
  page: Page,
  view: { zoom: number; lat: number; lon: number },
  layers: string
) {
  const hash = `#map=${view.zoom}/${view.lat}/${view.lon}`;
  await page.goto(`/${hash}&layers=${layers}`);
  await waitForMap(page);
  const shown = await screenshotPixels(page);
  await page.goto(`/${hash}&layers=`);
  await page.reload();
  await waitForMap(page);
  return { shown, hidden: await screenshotPixels(page), box: await mapBox(page) };
}

test('an indicative point carries a disc as wide as its uncertainty at zoom 13, a surveyed station stays a dot', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const byId = (id: string) => features.find((f) => f.properties.id === id)!;
  const lng = byId('dongjiakou-lng');
  expect(lng.properties.precision).toBe('indicative');
  expect(lng.properties.uncertainty_m).toBe(3000);
  const [lon, lat] = (lng.geometry as GeoJSON.Point).coordinates as [number, number];
  const view = { zoom: 13, lat, lon };
  const energy = await layerShownAndHidden(page, view, 'energy');
  const at = project(view, energy.box, lon, lat);
  // 3 km is about 390 px at zoom 13 here: 150 px from the dot in every direction is still the disc.
  expect(changedOnRing(energy.shown, energy.hidden, at.x, at.y, 150)).toBe(1);

  // The last station of line 11, surveyed: its dot, and nothing round it 45 px away but its line and name.
  const station = byId('metro-station-11-21');
  expect(station.properties.precision).toBe('surveyed');
  const [sLon, sLat] = (station.geometry as GeoJSON.Point).coordinates as [number, number];
  const stationView = { zoom: 13, lat: sLat, lon: sLon };
  const transport = await layerShownAndHidden(page, stationView, 'transport');
  const on = project(stationView, transport.box, sLon, sLat);
  expect(changedOnRing(transport.shown, transport.hidden, on.x, on.y, 3)).toBeGreaterThan(0.5);
  expect(changedOnRing(transport.shown, transport.hidden, on.x, on.y, 45)).toBeLessThan(0.3);
});

/**
 * How much of `colour` is laid over the basemap at (x, y): 0 where nothing is drawn, 1 where the colour is
 * opaque (the shown pixel projected onto the line from the hidden pixel to the colour).
 */
function coverage(shown: PNG, hidden: PNG, x: number, y: number, colour: readonly number[]): number {
  const [s, h] = [pixel(shown, x, y), pixel(hidden, x, y)];
  const d = [0, 1, 2].map((i) => colour[i]! - h[i]!);
  const ds = [0, 1, 2].map((i) => s[i]! - h[i]!);
  return (d[0]! * ds[0]! + d[1]! * ds[1]! + d[2]! * ds[2]!) / (d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2);
}

test('where two uncertainty discs overlap the tint is no darker than one disc', async ({ page, request }) => {
  const features = await loadFeatures(request);
  const at = (id: string) =>
    (features.find((f) => f.properties.id === id)!.geometry as GeoJSON.Point).coordinates as [number, number];
  const [a, b] = [at('dongjiakou-lng'), at('dongjiakou-crude-reserve')];
  // 3.2 km apart with 3 km discs: half way both discs cover the map; beyond A, away from B, A's alone.
  const both: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const alone: [number, number] = [a[0] + (a[0] - b[0]) * 0.55, a[1] + (a[1] - b[1]) * 0.55];
  const view = { zoom: 12, lat: both[1], lon: both[0] };
  const energy = await layerShownAndHidden(page, view, 'energy');
  const brown = [0x80, 0x50, 0x03];
  const cover = ([lon, lat]: [number, number]) => {
    const p = project(view, energy.box, lon, lat);
    return coverage(energy.shown, energy.hidden, p.x, p.y, brown);
  };
  const [one, two] = [cover(alone), cover(both)];
  // A disc is a faint tint (about 9 % at this zoom); two discs laid over each other would be about 18 %.
  expect(one).toBeGreaterThan(0.06);
  expect(one).toBeLessThan(0.2);
  expect(Math.abs(two - one)).toBeLessThan(0.03);
});

/**
 * Names (the plan's and the basemap's) whose placed box reaches within 4 px of the centre of one of the
 * plan's points or stations in view, as `dot ← name` pairs; and how many dots were in view.
 */
function namesOnDots(page: Page): Promise<{ dots: number; names: number; onDots: string[] }> {
  return page.evaluate(() => {
    const map = window.qingdaoPlanMap!.map;
    const symbols = map
      .getStyle()
      .layers.filter((l) => l.type === 'symbol' && l.id !== 'plan-dot-blockers')
      .map((l) => l.id);
    const canvas = map.getCanvas();
    const seen = new Set<string>();
    const onDots: string[] = [];
    for (const dot of map.querySourceFeatures('plan-labels')) {
      const { id, cls, name } = dot.properties as { id: string; cls: string; name: string };
      if ((cls !== 'point' && cls !== 'station') || seen.has(id)) continue;
      const p = map.project((dot.geometry as GeoJSON.Point).coordinates as [number, number]);
      if (p.x < 0 || p.y < 0 || p.x > canvas.clientWidth || p.y > canvas.clientHeight) continue;
      seen.add(id);
      const box: [[number, number], [number, number]] = [
        [p.x - 4, p.y - 4],
        [p.x + 4, p.y + 4]
      ];
      for (const hit of map.queryRenderedFeatures(box, { layers: symbols }))
        onDots.push(`${name} ← ${String(hit.properties['name'])}`);
    }
    return { dots: seen.size, names: map.queryRenderedFeatures({ layers: symbols }).length, onDots };
  });
}

test('no name is placed on the plan’s dots (points and stations), which deck.gl draws', async ({ page }) => {
  // The city at two zooms (stations, the plan's points, line and area names, district names) and
  // Dongjiakou, where three of the plan's points and the port's name share a few kilometres.
  for (const hash of ['#map=11/36.1/120.4', '#map=13/36.07/120.38', '#map=12/35.62/119.8']) {
    await page.goto(`/${hash}`);
    await page.reload();
    await waitForMap(page);
    const { dots, names, onDots } = await namesOnDots(page);
    expect(dots, hash).toBeGreaterThan(2);
    expect(names, hash).toBeGreaterThan(5);
    expect(onDots, hash).toEqual([]);
  }
});

test('a 1 km disc fades in later than a 3 km one: fainter where that is strong, as strong once as wide', async ({
  page,
  request
}) => {
  const features = await loadFeatures(request);
  const disc = (id: string, metres: number) => {
    const f = features.find((f) => f.properties.id === id)!;
    expect(f.properties.uncertainty_m).toBe(metres);
    return { metres, at: (f.geometry as GeoJSON.Point).coordinates as [number, number] };
  };
  // Two universities of the science layer, 27 km apart and clear of its areas.
  const [narrow, wide] = [disc('ocean-university-of-china', 1000), disc('rehabilitation-university', 3000)];
  const science = hexToRgba(LAYERS.find((l) => l.id === 'science')!.colour);
  /** The median tint 0.9 of the radius from the dot, left, above and below it (its name is on the right). */
  const tint = (shot: Awaited<ReturnType<typeof layerShownAndHidden>>, view: View, d: typeof narrow) => {
    const r = (0.9 * d.metres) / 111_320;
    const [lon, lat] = d.at;
    const k = Math.cos((lat * Math.PI) / 180);
    const samples = [
      [lon - r / k, lat],
      [lon, lat + r],
      [lon, lat - r]
    ].map(([x, y]) => {
      const p = project(view, shot.box, x!, y!);
      return coverage(shot.shown, shot.hidden, p.x, p.y, science);
    });
    return samples.sort((a, b) => a - b)[1]!;
  };
  // Half a zoom level after a 3 km disc is at its strongest, both in one view.
  const strong = corridorZoom(3000, 36.2) + Math.log2(CORRIDOR_FADE_PX[1] / CORRIDOR_FADE_PX[0]) + 0.5;
  const both: View = {
    zoom: strong,
    // 150 px west of half way: both dots clear of the layers panel on the left.
    lon: (narrow.at[0] + wide.at[0]) / 2 - (150 * 360) / (512 * 2 ** strong),
    lat: (narrow.at[1] + wide.at[1]) / 2
  };
  const shot = await layerShownAndHidden(page, both, 'science');
  const [early1, early3] = [tint(shot, both, narrow), tint(shot, both, wide)];
  expect(early3).toBeGreaterThan(0.08);
  expect(early1).toBeGreaterThan(0.02);
  expect(early1).toBeLessThan(0.8 * early3);
  // A third as wide, the 1 km disc is as wide on screen 1.6 zoom levels later: then as strong.
  const later = async (d: typeof narrow) => {
    const view: View = { zoom: strong + Math.log2(3), lon: d.at[0], lat: d.at[1] };
    return tint(await layerShownAndHidden(page, view, 'science'), view, d);
  };
  const [late1, late3] = [await later(narrow), await later(wide)];
  expect(late3).toBeGreaterThan(0.05);
  expect(Math.abs(late1 - late3)).toBeLessThan(0.02);
});
