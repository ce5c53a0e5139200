/**
 * The one legend model: what the map shows, as legend entries, for the on-screen legend, the layers panel
 * and the exported image alike. Pure: the features drawn (already under the layer, status and chapter
 * filters), the view and the language in; the layers that have something in view, in the registry's
 * order, out — each kind of feature in view with its symbol as the map draws it at each precision present
 * (dash, fill opacity, halo), each metro line in its own colour (dashed while not running), and a key to
 * the precisions and statuses in view. Every colour, width, dash and opacity is read from the symbology
 * module at the moment of asking, never copied here, so a change to the drawing changes the legend.
 */
import type { Lang } from '$lib/i18n/lang';
import { PRECISION_LABELS, STATUS_LABELS } from '$lib/i18n/labels';
import type { Bounds } from '$lib/geo/bounds';
import { shapeOf } from '$lib/plan/filter-controls';
import { featuresInView } from '$lib/plan/feature-list';
import { LAYERS } from '$lib/plan/layers';
import type { PlanFeature } from '$lib/plan/schema';
import { PRECISIONS, STATUSES } from '$lib/plan/vocabulary';
import {
  CASING,
  HALO,
  NOT_RUNNING_DASH,
  PRECISION_DASH,
  SIZE,
  UNCOLOURED_LINE,
  WHITE,
  cssColour,
  featureColour,
  fillAlpha,
  hexToRgba,
  type Dash,
  type Precision,
  type Rgba
} from './symbology';
import { CORRIDOR_ALPHA } from './symbology-scale';

/** A symbol as the map draws it; widths and radii in CSS pixels at text scale 1, colours as CSS. */
export type LegendSymbol =
  | {
      shape: 'area';
      /** The fill, with its opacity. */
      fill: string;
      outline: string;
      outlineWidth: number;
      dash: Dash | null;
    }
  | {
      shape: 'line';
      colour: string;
      width: number;
      dash: Dash | null;
      /** The white band under a metro line, or null. */
      casing: { colour: string; width: number } | null;
    }
  | {
      shape: 'point';
      fill: string;
      stroke: string;
      radius: number;
      strokeWidth: number;
      /** The halo around a point whose position is not surveyed, or null. */
      halo: { colour: string; radius: number } | null;
    };

/** One way an entry is drawn in view: at one precision, or (a metro line) running or not. */
export interface LegendVariant {
  symbol: LegendSymbol;
  precision: Precision | null;
  /** What tells this variant apart, in the legend's language (a precision or a status), or null. */
  note: string | null;
}

export interface LegendEntry {
  /** `layer/kind`, or the feature id of a metro line. */
  key: string;
  kind: string;
  label: string;
  /** The ways the entry is drawn in view, most certain first. */
  variants: LegendVariant[];
  /** A metro line's feature id (the line can be selected from the legend), else null. */
  featureId: string | null;
}

export interface LegendGroup {
  layer: string;
  name: string;
  /** The layer's colour, as CSS. */
  colour: string;
  entries: LegendEntry[];
}

/** A row of the key: what a precision (or a metro line's status) looks like, for each shape in view. */
export interface LegendKeyRow {
  key: string;
  label: string;
  symbols: LegendSymbol[];
}

export interface Legend {
  groups: LegendGroup[];
  /** The precisions in view, most certain first, each drawn in every shape in view. */
  precisions: LegendKeyRow[];
  /** Metro lines running and not running, when both or either are in view. */
  statuses: LegendKeyRow[];
}

type Shape = ReturnType<typeof shapeOf>;

const css = (hex: string) => cssColour(hexToRgba(hex));

/** The symbol of a feature of `kind` drawn in `hex` at `precision`, as the plan's layers draw it. */
export function planSymbol(shape: Shape, hex: string, precision: Precision, kind: string): LegendSymbol {
  const rgba = hexToRgba(hex);
  if (shape === 'area')
    return {
      shape,
      fill: cssColour([rgba[0], rgba[1], rgba[2], fillAlpha(precision, kind)]),
      outline: cssColour(rgba),
      outlineWidth: SIZE.outline,
      dash: PRECISION_DASH[precision]
    };
  if (shape === 'line')
    return {
      shape,
      colour: cssColour(rgba),
      width: SIZE.line,
      dash: PRECISION_DASH[precision],
      casing: null
    };
  const halo = precision === 'surveyed' ? null : HALO[precision];
  return {
    shape,
    fill: cssColour(rgba),
    stroke: cssColour(WHITE),
    radius: SIZE.point,
    strokeWidth: SIZE.pointStroke,
    halo: halo ? { colour: cssColour([rgba[0], rgba[1], rgba[2], halo.alpha]), radius: halo.radius } : null
  };
}

/** A metro line's symbol: its colour over the white casing, dashed while it is not running. */
export function metroSymbol(hex: string, running: boolean): LegendSymbol {
  return {
    shape: 'line',
    colour: css(hex),
    width: SIZE.metro,
    dash: running ? null : NOT_RUNNING_DASH,
    casing: { colour: cssColour(CASING), width: SIZE.casing }
  };
}

/** A metro station's symbol: a white dot ringed in its line's colour, at its largest drawn size. */
export function stationSymbol(hex: string): LegendSymbol {
  return {
    shape: 'point',
    fill: cssColour(WHITE),
    stroke: css(hex),
    radius: SIZE.stationMaxPixels,
    strokeWidth: SIZE.stationStroke,
    halo: null
  };
}

const UNCERTAINTY_LABEL: Readonly<Record<Lang, string>> = {
  zh: '放大后的不确定范围：线成带，点加圆，边界变淡',
  en: 'Zoomed in, the uncertainty: lines become bands, points get discs, outlines fade'
};

const PRECISION_RANK = new Map<string, number>(PRECISIONS.map((p, i) => [p, i]));

/** Metro lines by line number, running before the sections being built, then by id. */
function byLine(a: PlanFeature, b: PlanFeature): number {
  return (
    parseInt(a.properties.line ?? '', 10) - parseInt(b.properties.line ?? '', 10) ||
    Number(b.properties.status === 'operating') - Number(a.properties.status === 'operating') ||
    a.properties.id.localeCompare(b.properties.id, 'en', { numeric: true })
  );
}

/**
 * The legend of `features` (those the filters keep) within `view` (`[west, south, east, north]`, or null for
 * all of them), in `lang`. A feature is in view when any part of its box is, as the list twin counts it.
 */
export function legendModel(
  features: readonly PlanFeature[],
  view: Readonly<Bounds> | null,
  lang: Lang
): Legend {
  const inView = featuresInView(features, view);
  const name = (item: { name_zh: string; name_en: string }) => (lang === 'zh' ? item.name_zh : item.name_en);
  const groups: LegendGroup[] = [];
  const precisionShapes = new Map<Precision, Set<Shape>>();
  let running = false;
  const notRunning = new Set<PlanFeature['properties']['status']>();
  for (const layer of LAYERS) {
    const mine = inView.filter((f) => f.properties.layer === layer.id);
    if (mine.length === 0) continue;
    const entries: LegendEntry[] = [];
    for (const kind of layer.legend) {
      const ofKind = mine.filter((f) => f.properties.kind === kind.kind);
      if (ofKind.length === 0) continue;
      if (kind.kind === 'metro-line') {
        // Listed line by line, each in its own colour.
        for (const line of ofKind.sort(byLine)) {
          const isRunning = line.properties.status === 'operating';
          if (isRunning) running = true;
          else notRunning.add(line.properties.status);
          entries.push({
            key: line.properties.id,
            kind: kind.kind,
            label: name(line.properties),
            variants: [
              {
                symbol: metroSymbol(featureColour(line.properties.color, null), isRunning),
                precision: null,
                note: isRunning ? null : STATUS_LABELS[line.properties.status][lang]
              }
            ],
            featureId: line.properties.id
          });
        }
        continue;
      }
      if (kind.kind === 'metro-station') {
        const colour = featureColour(ofKind[0]!.properties.color, null);
        entries.push({
          key: `${layer.id}/${kind.kind}`,
          kind: kind.kind,
          label: name(kind),
          variants: [{ symbol: stationSymbol(colour), precision: null, note: null }],
          featureId: null
        });
        continue;
      }
      // One variant per precision (and shape) in view, most certain first.
      const seen = new Map<string, { shape: Shape; precision: Precision; colour: string }>();
      for (const f of ofKind) {
        const shape = shapeOf(f);
        const precision = f.properties.precision;
        const colour = featureColour(f.properties.color, layer.colour);
        seen.set(`${precision}/${shape}/${colour}`, { shape, precision, colour });
        const shapes = precisionShapes.get(precision) ?? new Set<Shape>();
        precisionShapes.set(precision, shapes.add(shape));
      }
      const variants = [...seen.values()]
        .sort((a, b) => PRECISION_RANK.get(a.precision)! - PRECISION_RANK.get(b.precision)!)
        .map(({ shape, precision, colour }) => ({
          symbol: planSymbol(shape, colour, precision, kind.kind),
          precision,
          note: PRECISION_LABELS[precision][lang]
        }));
      entries.push({
        key: `${layer.id}/${kind.kind}`,
        kind: kind.kind,
        label: name(kind),
        variants,
        featureId: null
      });
    }
    groups.push({ layer: layer.id, name: name(layer), colour: css(layer.colour), entries });
  }
  const SHAPES: Shape[] = ['area', 'line', 'point'];
  const precisions: LegendKeyRow[] = PRECISIONS.filter((p) => precisionShapes.has(p)).map((precision) => ({
    key: precision,
    label: PRECISION_LABELS[precision][lang],
    // In the neutral colour: the key is about the drawing, not the layer.
    symbols: SHAPES.filter((s) => precisionShapes.get(precision)!.has(s)).map((shape) =>
      planSymbol(shape, UNCOLOURED_LINE, precision, '')
    )
  }));
  // Precision by scale: what an uncertain position turns into as one zooms in (plan-uncertainty.ts).
  if (precisions.some((r) => r.key !== 'surveyed'))
    precisions.push({
      key: 'uncertainty',
      label: UNCERTAINTY_LABEL[lang],
      symbols: [
        {
          shape: 'area',
          fill: cssColour([...hexToRgba(UNCOLOURED_LINE).slice(0, 3), CORRIDOR_ALPHA[1]] as Rgba),
          outline: 'transparent',
          outlineWidth: 0,
          dash: null
        }
      ]
    });
  const statuses: LegendKeyRow[] = [];
  if (running)
    statuses.push({
      key: 'running',
      label: STATUS_LABELS.operating[lang],
      symbols: [metroSymbol(UNCOLOURED_LINE, true)]
    });
  if (notRunning.size > 0)
    statuses.push({
      key: 'not-running',
      label: STATUSES.filter((s) => notRunning.has(s))
        .map((s) => STATUS_LABELS[s][lang])
        .join(' / '),
      symbols: [metroSymbol(UNCOLOURED_LINE, false)]
    });
  return { groups, precisions, statuses };
}

/** Every label in a legend, for loading the glyphs an image draws it with. */
export function legendText(legend: Legend): string {
  return [
    ...legend.groups.flatMap((g) => [
      g.name,
      ...g.entries.flatMap((e) => [e.label, ...e.variants.map((v) => v.note ?? '')])
    ]),
    ...legend.precisions.map((r) => r.label),
    ...legend.statuses.map((r) => r.label)
  ].join('');
}
