/**
 * Draws the app icons (static/icons/*.png) from the favicon's design — a route curve between two stops on
 * a sea-blue tile — with plain pixel arithmetic, so no image tool is needed. Run once when the design
 * changes: `npx tsx scripts/build-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BG = [0x0b, 0x4f, 0x6c];
const LINE = [0xfc, 0xd6, 0x00];
const STOP = [0xff, 0xff, 0xff];

/** The favicon's 32-unit design drawn at `size` pixels; `inset` shrinks it into the maskable safe zone. */
function icon(size: number, maskable: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  const unit = size / 32;
  const inset = maskable ? 0.2 : 0;
  // Design coordinates (0–32) to pixels, shrunk towards the centre for a maskable icon.
  const px = (v: number) => (16 + (v - 16) * (1 - inset)) * unit;
  const radius = maskable ? 0 : 6 * unit;
  // The curve M6 22 c5-9 9-12 20-12: a cubic from (6,22) via (11,13), (15,10) to (26,10).
  const curve: [number, number][] = [];
  for (let i = 0; i <= 400; i++) {
    const t = i / 400;
    const m = 1 - t;
    const x = m * m * m * 6 + 3 * m * m * t * 11 + 3 * m * t * t * 15 + t * t * t * 26;
    const y = m * m * m * 22 + 3 * m * m * t * 13 + 3 * m * t * t * 10 + t * t * t * 10;
    curve.push([px(x), px(y)]);
  }
  const lineHalf = 1.5 * unit * (1 - inset);
  const stopR = 3 * unit * (1 - inset);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Rounded corners: transparent outside the tile.
      const dx = Math.max(radius - cx, cx - (size - radius), 0);
      const dy = Math.max(radius - cy, cy - (size - radius), 0);
      const inside = radius === 0 || dx * dx + dy * dy <= radius * radius;
      let colour = inside ? BG : null;
      if (inside && curve.some(([lx, ly]) => (lx - cx) ** 2 + (ly - cy) ** 2 <= lineHalf * lineHalf))
        colour = LINE;
      for (const [sx, sy] of [
        [9, 19],
        [23, 11]
      ] as const)
        if ((px(sx) - cx) ** 2 + (px(sy) - cy) ** 2 <= stopR * stopR) colour = STOP;
      const i = (y * size + x) * 4;
      png.data[i] = colour?.[0] ?? 0;
      png.data[i + 1] = colour?.[1] ?? 0;
      png.data[i + 2] = colour?.[2] ?? 0;
      png.data[i + 3] = colour ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

writeFileSync('static/icons/icon-192.png', icon(192, false));
writeFileSync('static/icons/icon-512.png', icon(512, false));
writeFileSync('static/icons/icon-maskable-512.png', icon(512, true));
console.log('icons: static/icons/icon-192.png, icon-512.png, icon-maskable-512.png');
