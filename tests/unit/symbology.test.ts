import { describe, expect, it } from 'vitest';
import {
  FILL_ALPHA,
  NOT_RUNNING_DASH,
  PRECISION_DASH,
  dashExpression,
  fillAlpha,
  fillOpacityExpression,
  svgDash,
  zoomCurve
} from '../../src/lib/map/symbology';

/** Evaluates the small subset of MapLibre expressions the symbology builds, for one feature. */
function evaluate(expression: unknown, properties: Record<string, unknown>): unknown {
  if (!Array.isArray(expression)) return expression;
  const [op, ...args] = expression as [string, ...unknown[]];
  switch (op) {
    case 'literal':
      return args[0];
    case 'get':
      return properties[args[0] as string];
    case '==':
      return evaluate(args[0], properties) === evaluate(args[1], properties);
    case 'in':
      return (evaluate(args[1], properties) as unknown[]).includes(evaluate(args[0], properties));
    case 'case': {
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (evaluate(args[i], properties)) return evaluate(args[i + 1], properties);
      }
      return evaluate(args[args.length - 1], properties);
    }
    case 'match': {
      const value = evaluate(args[0], properties);
      for (let i = 1; i + 1 < args.length; i += 2)
        if (args[i] === value) return evaluate(args[i + 1], properties);
      return evaluate(args[args.length - 1], properties);
    }
    default:
      throw new Error(`not evaluated here: ${op}`);
  }
}

describe('symbology', () => {
  it('dashes by precision: surveyed solid, approximate long dashes, indicative short ones', () => {
    expect(PRECISION_DASH.surveyed).toBeNull();
    const [approxDash, approxGap] = PRECISION_DASH.approximate!;
    const [indDash, indGap] = PRECISION_DASH.indicative!;
    expect(approxDash / approxGap).toBeGreaterThan(indDash / indGap);
  });

  it('the MapLibre dash expression gives every precision and running state its pattern', () => {
    const dash = dashExpression();
    const solid = [1, 0];
    expect(evaluate(dash, { kind: 'park', precision: 'surveyed' })).toEqual(solid);
    expect(evaluate(dash, { kind: 'park', precision: 'approximate' })).toEqual([
      ...PRECISION_DASH.approximate!
    ]);
    expect(evaluate(dash, { kind: 'park', precision: 'indicative' })).toEqual([
      ...PRECISION_DASH.indicative!
    ]);
    // A metro line: by whether it runs, not by precision (a line being built is often an indicative sketch).
    expect(evaluate(dash, { kind: 'metro-line', status: 'operating', precision: 'approximate' })).toEqual(
      solid
    );
    expect(
      evaluate(dash, { kind: 'metro-line', status: 'under-construction', precision: 'indicative' })
    ).toEqual([...NOT_RUNNING_DASH]);
  });

  it('fills fade with precision, and water gets a faint wash whatever its precision', () => {
    expect(FILL_ALPHA.surveyed).toBeGreaterThan(FILL_ALPHA.approximate);
    expect(FILL_ALPHA.approximate).toBeGreaterThan(FILL_ALPHA.indicative);
    expect(fillAlpha('surveyed', 'bay')).toBeLessThan(FILL_ALPHA.indicative);
    const opacity = fillOpacityExpression();
    for (const precision of ['surveyed', 'approximate', 'indicative'] as const) {
      expect(evaluate(opacity, { kind: 'park', precision })).toBeCloseTo(
        fillAlpha(precision, 'park') / 255,
        6
      );
    }
    expect(evaluate(opacity, { kind: 'bay', precision: 'surveyed' })).toBeCloseTo(
      fillAlpha('surveyed', 'bay') / 255,
      6
    );
  });

  it('legend dashes are the map dashes scaled by the symbol width', () => {
    expect(svgDash(null, 3)).toBeUndefined();
    expect(svgDash([6, 2], 2.5)).toBe('15 5');
  });

  it('zoom curves scale their values, not their zooms', () => {
    expect(
      zoomCurve(
        [
          [7, 11],
          [13, 18]
        ],
        2
      )
    ).toEqual(['interpolate', ['linear'], ['zoom'], 7, 22, 13, 36]);
  });
});
