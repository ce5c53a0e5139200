/**
 * The map view as a PNG at 1×, 2× or 4×: MapLibre redraws the view at that pixel ratio (deck.gl's
 * interleaved layers with it, in the same WebGL context), the frame is copied the moment it is drawn (the
 * canvas keeps no drawing buffer), the map goes back to the screen's ratio, and the copy is framed on a 2D
 * canvas with the title, the legend, a scale bar, a north arrow, the credits, the view's link and its QR
 * code. The image is exactly the map's CSS size times the scale; where the graphics card cannot draw a
 * canvas that large, the map is drawn at the largest ratio it can and enlarged to that size (`reduced`).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { encode } from 'uqr';
import { BASEMAP_FONT_FILES } from '$lib/map/basemap-fonts';
import type { Legend, LegendSymbol } from '$lib/map/legend';
import { scaleBar } from './scale-bar';

/** The map and its deck.gl overlay, as the map page holds them. */
export interface MapHandle {
  map: MapLibreMap;
  overlay: { syncCanvasSize(): void };
}

interface MapInternals {
  _maxCanvasSize: [number, number];
  _overridePixelRatio?: number | null;
}

export interface MapImage {
  canvas: HTMLCanvasElement;
  /** The map's size in CSS pixels. */
  width: number;
  height: number;
  /** True when the graphics card drew the map at less than the scale asked for. */
  reduced: boolean;
}

/** The largest canvas side the map's WebGL context can draw into. */
function maxCanvasSide(map: MapLibreMap): number {
  const gl = map.getCanvas().getContext('webgl2');
  if (!gl) return 4096;
  const [viewportWidth, viewportHeight] = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  return Math.min(
    gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
    gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    viewportWidth ?? 4096,
    viewportHeight ?? 4096
  );
}

/**
 * Draws the view at `scale` device pixels per CSS pixel and copies it; the map is back at the screen's
 * ratio when the promise settles. The copy is taken when MapLibre next reports the map idle (every source
 * and label placed), or after `settleMs` on the next frame whatever is still loading.
 */
export async function renderMap(handle: MapHandle, scale: number, settleMs = 15000): Promise<MapImage> {
  const { map, overlay } = handle;
  const container = map.getContainer();
  const width = container.clientWidth;
  const height = container.clientHeight;
  const internals = map as unknown as MapInternals;
  const savedMax = internals._maxCanvasSize;
  const savedRatio = internals._overridePixelRatio ?? null;
  const out = document.createElement('canvas');
  out.width = width * scale;
  out.height = height * scale;
  let reduced = false;
  try {
    const side = maxCanvasSide(map);
    internals._maxCanvasSize = [side, side];
    await new Promise<void>((resolve) => {
      let late = false;
      const copy = () => {
        map.off('idle', copy);
        map.off('render', onRender);
        clearTimeout(timer);
        const source = map.getCanvas();
        reduced = source.width < out.width || source.height < out.height;
        out.getContext('2d')!.drawImage(source, 0, 0, out.width, out.height);
        resolve();
      };
      const onRender = () => {
        if (late) copy();
      };
      const timer = setTimeout(() => {
        late = true;
        map.triggerRepaint();
      }, settleMs);
      map.on('idle', copy);
      map.on('render', onRender);
      map.setPixelRatio(scale);
      // deck.gl shares MapLibre's canvas but keeps its own idea of the canvas size: tell it.
      overlay.syncCanvasSize();
      map.triggerRepaint();
    });
  } finally {
    internals._maxCanvasSize = savedMax;
    map.setPixelRatio(savedRatio as number);
    overlay.syncCanvasSize();
    map.triggerRepaint();
  }
  return { canvas: out, width, height, reduced };
}

/** The family name the export draws text in: the site's Noto Sans SC slices, then the page's own fonts. */
const EXPORT_FONT = 'Qingdao Plan Map Export';
let fontsAdded = false;

/** Registers the site's Noto Sans SC slices and loads those `text` needs; returns the canvas font stack. */
export async function loadFont(fontUrlBase: string, text: string): Promise<string> {
  if (!fontsAdded && typeof FontFace !== 'undefined') {
    for (const file of BASEMAP_FONT_FILES)
      document.fonts.add(
        new FontFace(EXPORT_FONT, `url(${fontUrlBase}/${file.file})`, { unicodeRange: file.unicodeRange })
      );
    fontsAdded = true;
  }
  try {
    await document.fonts.load(`16px "${EXPORT_FONT}"`, text);
  } catch {
    // A slice that fails to load leaves the page's own fonts to draw the text.
  }
  return `"${EXPORT_FONT}", ${getComputedStyle(document.documentElement).fontFamily}`;
}

export interface FrameOptions {
  title: string;
  /** Under the title: when the image was made and the data's date. */
  subtitle: string;
  legendTitle: string;
  /** Null: no legend. */
  legend: Legend | null;
  /** Headings of the legend's key: the precisions and the metro lines' statuses in view. */
  precisionTitle: string;
  statusTitle: string;
  /** The view's link; null leaves out the link and its QR code. */
  link: string | null;
  credits: string;
  /** The view's centre latitude and zoom, for the scale bar, and its bearing, for the north arrow. */
  lat: number;
  zoom: number;
  bearing: number;
  /** The letter on the north arrow. */
  north: string;
  font: string;
}

const PANEL = 'rgba(255, 255, 255, 0.92)';
const INK = '#1f2933';
const MUTED = '#52606d';
const MARGIN = 12;

function panel(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
  ctx.fillStyle = PANEL;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 6);
  ctx.fill();
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.15)';
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** `text` cut with an ellipsis to fit `max` pixels in the current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let end = text.length;
  while (end > 0 && ctx.measureText(`${text.slice(0, end)}…`).width > max) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** `text` broken into lines no wider than `max`: at spaces, or between any two characters of a longer word. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (ctx.measureText(candidate).width <= max) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of word) {
      if (line && ctx.measureText(line + char).width > max) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A legend symbol's box in its own units (CSS pixels at text scale 1), as LegendSymbol.svelte draws it. */
const SYMBOL_W = 36;
const SYMBOL_H = 22;
/** Legend symbols are drawn at this fraction of the map's size, to fit the image's rows. */
const SYMBOL_SCALE = 0.65;
const SYMBOL_CELL = SYMBOL_W * SYMBOL_SCALE;

/** Draws a legend symbol (legend model) with its box's left edge at `x`, centred on `y`. */
function symbol(ctx: CanvasRenderingContext2D, s: LegendSymbol, x: number, y: number) {
  ctx.save();
  ctx.translate(x, y - (SYMBOL_H * SYMBOL_SCALE) / 2);
  ctx.scale(SYMBOL_SCALE, SYMBOL_SCALE);
  ctx.beginPath();
  ctx.rect(0, 0, SYMBOL_W, SYMBOL_H);
  ctx.clip();
  const stroke = (colour: string, width: number, dash: readonly [number, number] | null) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash ? [dash[0] * width, dash[1] * width] : []);
    ctx.stroke();
  };
  const mid = SYMBOL_H / 2;
  if (s.shape === 'area') {
    ctx.beginPath();
    ctx.rect(3, 4, SYMBOL_W - 6, SYMBOL_H - 8);
    ctx.fillStyle = s.fill;
    ctx.fill();
    stroke(s.outline, s.outlineWidth, s.dash);
  } else if (s.shape === 'line') {
    const line = () => {
      ctx.beginPath();
      ctx.moveTo(2, mid);
      ctx.lineTo(SYMBOL_W - 2, mid);
    };
    if (s.casing) {
      line();
      stroke(s.casing.colour, s.casing.width, null);
    }
    line();
    stroke(s.colour, s.width, s.dash);
  } else {
    const circle = (r: number) => {
      ctx.beginPath();
      ctx.arc(SYMBOL_W / 2, mid, r, 0, 2 * Math.PI);
    };
    if (s.halo) {
      circle(s.halo.radius);
      ctx.fillStyle = s.halo.colour;
      ctx.fill();
    }
    circle(s.radius);
    ctx.fillStyle = s.fill;
    ctx.fill();
    stroke(s.stroke, s.strokeWidth, null);
  }
  ctx.restore();
}

interface LegendRow {
  heading: boolean;
  label: string;
  symbols: LegendSymbol[];
  colour: string | null;
}

/**
 * The legend's rows: each layer, then its entries (a symbol per way each is drawn in view), then the key to
 * precisions and statuses; with `compact`, the layers alone.
 */
function legendRows(
  legend: Legend,
  compact: boolean,
  titles: { precision: string; status: string }
): LegendRow[] {
  const rows: LegendRow[] = legend.groups.flatMap((group) => [
    { heading: true, label: group.name, symbols: [], colour: group.colour },
    ...(compact
      ? []
      : group.entries.map((entry) => ({
          heading: false,
          label: entry.label,
          symbols: entry.variants.map((v) => v.symbol),
          colour: null
        })))
  ]);
  if (compact) return rows;
  for (const [title, key] of [
    [titles.precision, legend.precisions],
    [titles.status, legend.statuses]
  ] as const) {
    if (key.length === 0) continue;
    rows.push({ heading: true, label: title, symbols: [], colour: null });
    for (const row of key)
      rows.push({ heading: false, label: row.label, symbols: row.symbols, colour: null });
  }
  return rows;
}

/**
 * The exported image: the map copy with the title (top left), the north arrow (top right), the legend
 * (left, under the title), the scale bar (bottom left), the QR code (bottom right) and a footer with the
 * credits and the link. Everything is laid out in CSS pixels and drawn at `scale`, so the frame looks
 * the same at 1×, 2× and 4×, only sharper.
 */
export function frameImage(image: MapImage, scale: number, options: FrameOptions): HTMLCanvasElement {
  const { width: W, height: H } = image;
  const canvas = image.canvas;
  const ctx = canvas.getContext('2d')!;
  ctx.save();
  ctx.scale(scale, scale);
  ctx.textBaseline = 'middle';
  const font = (size: number, weight = 400) => `${weight} ${size}px ${options.font}`;

  // Footer: the credits in full (they are owed), then the link, each wrapped to the width.
  ctx.font = font(11);
  const textWidth = W - 2 * MARGIN;
  const creditLines = wrap(ctx, options.credits, textWidth);
  const linkLines = options.link ? wrap(ctx, options.link, textWidth) : [];
  const footerH = 8 + (creditLines.length + linkLines.length) * 15;
  ctx.fillStyle = PANEL;
  ctx.fillRect(0, H - footerH, W, footerH);
  [...creditLines, ...linkLines].forEach((line, i) => {
    ctx.fillStyle = i < creditLines.length ? MUTED : '#0b4f6c';
    ctx.fillText(line, MARGIN, H - footerH + 4 + 7.5 + i * 15);
  });

  // North arrow, turned with the map: a bearing of b degrees puts north b degrees anticlockwise of up.
  const arrowX = W - MARGIN - 18;
  const arrowY = MARGIN + 18;
  ctx.save();
  ctx.translate(arrowX, arrowY);
  ctx.fillStyle = PANEL;
  ctx.beginPath();
  ctx.arc(0, 0, 18, 0, 2 * Math.PI);
  ctx.fill();
  ctx.rotate((-options.bearing * Math.PI) / 180);
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(0, -14);
  ctx.lineTo(6, 6);
  ctx.lineTo(0, 2);
  ctx.lineTo(-6, 6);
  ctx.closePath();
  ctx.fill();
  ctx.font = font(9, 700);
  ctx.textAlign = 'center';
  ctx.fillText(options.north, 0, 12);
  ctx.restore();

  // Title and subtitle.
  const titleMax = W - 3 * MARGIN - 36 - 20;
  ctx.font = font(18, 700);
  const title = fit(ctx, options.title, titleMax);
  const titleW = ctx.measureText(title).width;
  ctx.font = font(11);
  const subtitle = fit(ctx, options.subtitle, titleMax);
  const titleBoxW = Math.max(titleW, ctx.measureText(subtitle).width) + 20;
  panel(ctx, MARGIN, MARGIN, titleBoxW, 50);
  ctx.fillStyle = INK;
  ctx.font = font(18, 700);
  ctx.fillText(title, MARGIN + 10, MARGIN + 17);
  ctx.fillStyle = MUTED;
  ctx.font = font(11);
  ctx.fillText(subtitle, MARGIN + 10, MARGIN + 38);

  // Scale bar, bottom left above the footer.
  const bar = scaleBar(options.lat, options.zoom, Math.min(120, W / 4));
  const barY = H - footerH - MARGIN - 6;
  ctx.font = font(11);
  const barLabelW = ctx.measureText(bar.label).width;
  panel(ctx, MARGIN, barY - 24, Math.max(bar.pixels, barLabelW) + 16, 32);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(MARGIN + 8, barY - 6);
  ctx.lineTo(MARGIN + 8, barY);
  ctx.lineTo(MARGIN + 8 + bar.pixels, barY);
  ctx.lineTo(MARGIN + 8 + bar.pixels, barY - 6);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.fillText(bar.label, MARGIN + 8, barY - 14);

  // QR code of the link, bottom right above the footer.
  if (options.link) {
    const code = encode(options.link, { border: 2 });
    const size = W < 600 ? 72 : 96;
    const cell = size / code.size;
    const x = W - MARGIN - size;
    const y = H - footerH - MARGIN - size;
    ctx.fillStyle = '#fff';
    ctx.fillRect(x, y, size, size);
    ctx.fillStyle = '#000';
    code.data.forEach((row, r) =>
      row.forEach((dark, c) => {
        // A hair wider than the module, so that no seam shows between neighbours.
        if (dark) ctx.fillRect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
      })
    );
  }

  // Legend, left, between the title and the scale bar: in up to three columns when it is long, the
  // layers alone when even that does not fit in the left half of the image.
  if (options.legend && options.legend.groups.length > 0) {
    const titles = { precision: options.precisionTitle, status: options.statusTitle };
    const top = MARGIN + 50 + 8;
    const available = barY - 24 - 8 - top;
    const rowH = 17;
    const perColumn = Math.max(0, Math.floor((available - 28) / rowH));
    const maxLabel = Math.min(220, W / 3);
    const widthOf = (row: LegendRow) => {
      ctx.font = font(row.heading ? 12 : 11, row.heading ? 700 : 400);
      const symbols = row.symbols.length * SYMBOL_CELL;
      return Math.min(
        maxLabel + symbols,
        ctx.measureText(row.label).width + (row.heading ? 18 : 8 + symbols)
      );
    };
    const layout = (rows: LegendRow[]) => {
      const columns: LegendRow[][] = [];
      for (let i = 0; i < rows.length; i += perColumn) columns.push(rows.slice(i, i + perColumn));
      const widths = columns.map((column) => Math.max(...column.map(widthOf)));
      return { columns, widths, total: widths.reduce((a, b) => a + b + 16, 4) };
    };
    let plan = perColumn > 0 ? layout(legendRows(options.legend, false, titles)) : null;
    if (plan && (plan.columns.length > 3 || plan.total > W / 2))
      plan = layout(legendRows(options.legend, true, titles).slice(0, perColumn));
    if (plan && plan.columns.length > 0) {
      ctx.font = font(12, 700);
      const boxW = Math.max(plan.total, ctx.measureText(options.legendTitle).width + 20);
      const tallest = Math.max(...plan.columns.map((column) => column.length));
      panel(ctx, MARGIN, top, boxW, 24 + tallest * rowH + 4);
      ctx.fillStyle = INK;
      ctx.fillText(options.legendTitle, MARGIN + 10, top + 13);
      let left = MARGIN + 10;
      plan.columns.forEach((column, c) => {
        column.forEach((row, i) => {
          const y = top + 24 + i * rowH + rowH / 2;
          if (row.heading) {
            if (row.colour) {
              ctx.fillStyle = row.colour;
              ctx.fillRect(left, y - 5, 10, 10);
            }
            ctx.fillStyle = INK;
            ctx.font = font(12, 700);
            const indent = row.colour ? 18 : 0;
            ctx.fillText(fit(ctx, row.label, maxLabel - indent), left + indent, y);
          } else {
            row.symbols.forEach((s, k) => symbol(ctx, s, left + k * SYMBOL_CELL, y));
            const indent = row.symbols.length * SYMBOL_CELL + 6;
            ctx.fillStyle = INK;
            ctx.font = font(11);
            ctx.fillText(fit(ctx, row.label, maxLabel - 8), left + indent, y);
          }
        });
        left += plan.widths[c]! + 16;
      });
    }
  }
  ctx.restore();
  return canvas;
}

/** Hands a file to the browser to save under `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
