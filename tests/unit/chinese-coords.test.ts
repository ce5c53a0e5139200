import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  isOutsideChina,
  wgs84ToBd09,
  wgs84ToGcj02,
  type LonLat
} from '../../src/lib/geo/chinese-coords';

/** Great-circle distance in metres (haversine), independent of the code under test. */
function metres(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** A grid over the Qingdao region, from Pingdu in the north to Lingshan Island in the south. */
const qingdaoGrid: LonLat[] = [];
for (let lon = 119.3; lon <= 121.2; lon += 0.19) {
  for (let lat = 35.4; lat <= 37.2; lat += 0.18) qingdaoGrid.push([lon, lat]);
}

const mayFourthSquare: LonLat = [120.3845, 36.062];

describe('GCJ-02', () => {
  it('round-trips WGS-84 → GCJ-02 → WGS-84 within 1 m across the Qingdao region', () => {
    expect(qingdaoGrid.length).toBeGreaterThan(100);
    for (const p of qingdaoGrid) {
      expect(metres(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(1);
    }
  });

  it('inverts the forward transform to well under a millimetre', () => {
    for (const g of qingdaoGrid) {
      // Here the grid is read as GCJ-02 points: the inverse's forward image must land back on them.
      expect(metres(wgs84ToGcj02(gcj02ToWgs84(g)), g)).toBeLessThan(0.001);
    }
  });

  it('shifts points near Qingdao by roughly half a kilometre', () => {
    const shift = metres(wgs84ToGcj02(mayFourthSquare), mayFourthSquare);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(600);
    for (const p of qingdaoGrid) {
      const d = metres(gcj02ToWgs84(p), p);
      expect(d).toBeGreaterThan(300);
      expect(d).toBeLessThan(700);
    }
  });

  it('moves a point back by the amount the forward transform moved it', () => {
    const g = wgs84ToGcj02(mayFourthSquare);
    const forward = metres(mayFourthSquare, g);
    const back = metres(gcj02ToWgs84(g), g);
    // The offset field is smooth, so the shift at the two ends agrees to within a metre.
    expect(Math.abs(forward - back)).toBeLessThan(1);
  });

  it('leaves points outside China unchanged', () => {
    const outside: LonLat[] = [
      [139.6917, 35.6895], // Tokyo
      [-0.1276, 51.5072], // London
      [151.2093, -33.8688], // Sydney
      [-74.006, 40.7128] // New York
    ];
    for (const p of outside) {
      expect(isOutsideChina(p)).toBe(true);
      expect(wgs84ToGcj02(p)).toEqual([p[0], p[1]]);
      expect(gcj02ToWgs84(p)).toEqual([p[0], p[1]]);
    }
    expect(isOutsideChina(mayFourthSquare)).toBe(false);
  });
});

describe('BD-09', () => {
  it('round-trips GCJ-02 → BD-09 → GCJ-02 and WGS-84 → BD-09 → WGS-84 within 1 m', () => {
    for (const p of qingdaoGrid) {
      expect(metres(bd09ToGcj02(gcj02ToBd09(p)), p)).toBeLessThan(1);
      expect(metres(bd09ToWgs84(wgs84ToBd09(p)), p)).toBeLessThan(1);
    }
  });

  it('adds Baidu’s own offset of several hundred metres on top of GCJ-02', () => {
    const g = wgs84ToGcj02(mayFourthSquare);
    const b = gcj02ToBd09(g);
    expect(metres(b, g)).toBeGreaterThan(300);
    expect(metres(b, g)).toBeLessThan(1500);
    expect(bd09ToWgs84(b)[0]).toBeCloseTo(mayFourthSquare[0], 6);
    expect(bd09ToWgs84(b)[1]).toBeCloseTo(mayFourthSquare[1], 6);
  });
});
