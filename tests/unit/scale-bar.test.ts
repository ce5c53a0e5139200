/** The exported image's scale bar: nice lengths that fit, at the view's latitude and zoom. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { metresPerPixel, niceLength, scaleBar } from '$lib/export/scale-bar';

describe('scale bar', () => {
  it('knows a pixel at zoom 0 on the equator (512-pixel tiles)', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
    // Half as long at 60°, half again per zoom level.
    expect(metresPerPixel(60, 1)).toBeCloseTo(78271.517 / 4, 2);
  });

  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceLength(1)).toBe(1);
    expect(niceLength(1.99)).toBe(1);
    expect(niceLength(2000)).toBe(2000);
    expect(niceLength(4999)).toBe(2000);
    expect(niceLength(5000)).toBe(5000);
    expect(niceLength(9999)).toBe(5000);
    expect(niceLength(0.7)).toBe(0.5);
  });

  it('gives Qingdao views the lengths MapLibre’s own scale bar shows', () => {
    // May Fourth Square, 36.06° N: zoom 11, 120 px → about 3.7 km: 2 km.
    expect(scaleBar(36.06, 11, 120)).toMatchObject({ metres: 2000, label: '2 km' });
    expect(scaleBar(36.06, 11, 120).pixels).toBeCloseTo(64.7, 1);
    // Zoom 15: 120 px → about 232 m: 200 m.
    expect(scaleBar(36.06, 15, 120)).toMatchObject({ metres: 200, label: '200 m' });
    // The whole city, zoom 8: 120 px → about 29.7 km: 20 km.
    expect(scaleBar(36.06, 8, 120)).toMatchObject({ metres: 20000, label: '20 km' });
    // At the equator a pixel covers more ground (about 4.6 km in 120 px): 2 km is a shorter bar.
    expect(scaleBar(0, 11, 120)).toMatchObject({ metres: 2000, label: '2 km' });
    expect(scaleBar(0, 11, 120).pixels).toBeCloseTo(52.3, 1);
    // Near the pole a pixel covers less: 70° N, zoom 11, 120 px → about 1.27 km: 1 km.
    expect(scaleBar(70, 11, 120)).toMatchObject({ metres: 1000, label: '1 km' });
  });

  it('never draws wider than asked and at least 40 % of it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: 0, max: 22, noNaN: true }),
        fc.integer({ min: 40, max: 400 }),
        (lat, zoom, max) => {
          const bar = scaleBar(lat, zoom, max);
          expect(bar.pixels).toBeLessThanOrEqual(max + 1e-6);
          expect(bar.pixels).toBeGreaterThanOrEqual(max * 0.4 - 1e-6);
          expect(bar.metres / bar.pixels).toBeCloseTo(metresPerPixel(lat, zoom), 6);
        }
      )
    );
  });
});
