/**
 * The plan layers' palette for people with colour-vision deficiencies: every pair of layer colours stays
 * apart after simulating protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009,
 * severity 1.0, applied to linear RGB), measured as Euclidean distance in OKLab; and every colour has 3:1
 * contrast (WCAG 2.2 non-text contrast) against the basemap's land and sea. The metro lines keep their
 * official colours and are not part of the palette.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS } from '$lib/plan/layers';
import { BASEMAP_COLOURS } from '$lib/map/basemap-style';
import { LAYER_COLOURS } from '$lib/map/symbology';

type Vec = [number, number, number];
type Matrix = [Vec, Vec, Vec];

const MACHADO: Record<'protanopia' | 'deuteranopia' | 'tritanopia', Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998]
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881]
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039]
  ]
};

const IDENTITY: Matrix = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1]
];

/** The smallest OKLab distance any pair of layer colours may have, in every vision. */
const FLOOR = 0.075;

const apply = (m: Matrix, v: Vec): Vec =>
  m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as Vec;

function linear(hex: string): Vec {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Vec;
}

function oklab(rgb: Vec): Vec {
  const clamped = rgb.map((c) => Math.min(1, Math.max(0, c))) as Vec;
  const lms = apply(
    [
      [0.4122214708, 0.5363325363, 0.0514459929],
      [0.2119034982, 0.6806995451, 0.1073969566],
      [0.0883024619, 0.2817188376, 0.6299787005]
    ],
    clamped
  ).map(Math.cbrt) as Vec;
  return apply(
    [
      [0.2104542553, 0.793617785, -0.0040720468],
      [1.9779984951, -2.428592205, 0.4505937099],
      [0.0259040371, 0.7827717662, -0.808675766]
    ],
    lms
  );
}

const distance = (a: Vec, b: Vec) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const luminance = ([r, g, b]: Vec) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
function contrast(a: string, b: string): number {
  const [dark, light] = [luminance(linear(a)), luminance(linear(b))].sort((x, y) => x - y) as [
    number,
    number
  ];
  return (light + 0.05) / (dark + 0.05);
}

const colours = LAYERS.map((layer) => [layer.id, layer.colour] as const);

describe('layer palette', () => {
  it('is the symbology’s, one colour per layer', () => {
    expect(colours.map(([, c]) => c).sort()).toEqual(Object.values(LAYER_COLOURS).sort());
  });

  for (const [vision, matrix] of Object.entries({ normal: IDENTITY, ...MACHADO })) {
    it(`keeps every pair of layer colours apart with ${vision} vision`, () => {
      const seen = colours.map(([id, hex]) => [id, oklab(apply(matrix, linear(hex)))] as const);
      const close: string[] = [];
      for (let i = 0; i < seen.length; i++)
        for (let j = i + 1; j < seen.length; j++) {
          const d = distance(seen[i]![1], seen[j]![1]);
          if (d < FLOOR) close.push(`${seen[i]![0]} / ${seen[j]![0]}: ${d.toFixed(3)}`);
        }
      expect(close).toEqual([]);
    });
  }

  it('has 3:1 contrast against the basemap’s land and sea', () => {
    const low = colours.flatMap(([id, hex]) =>
      [BASEMAP_COLOURS.land, BASEMAP_COLOURS.sea]
        .map((ground) => [ground, contrast(hex, ground)] as const)
        .filter(([, ratio]) => ratio < 3)
        .map(([ground, ratio]) => `${id} on ${ground}: ${ratio.toFixed(2)}`)
    );
    expect(low).toEqual([]);
  });
});
