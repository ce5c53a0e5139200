import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDecimal, formatKm, formatTargetFigure } from '$lib/i18n/format';

describe('formatDecimal', () => {
  test('prints a number as toLocaleString("en-US") does, for any value and number of decimals', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e12, max: 1e12, noNaN: true }),
          // Figures as data writes them (a few decimals): the halves that binary rounding gets wrong.
          fc
            .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 4 }))
            .map(([n, k]) => n / 10 ** k)
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (value, max, extra) => {
          const min = Math.max(0, max - extra);
          const expected = value.toLocaleString('en-US', {
            maximumFractionDigits: max,
            minimumFractionDigits: min
          });
          // A negative that rounds to nothing is printed 0, not Intl's "-0".
          expect(formatDecimal(value, max, min)).toBe(expected.replace(/^-(?=[0.,]*$)/, ''));
        }
      ),
      { numRuns: 5000 }
    );
  });

  test('the figures of the plan and of distances', () => {
    expect(formatTargetFigure({ comparator: '≥', value: 12000.456, unit: '公里' })).toBe('≥ 12,000.46 公里');
    expect(formatTargetFigure({ comparator: null, value: 0.1 + 0.2, unit: '%' })).toBe('0.3 %');
    expect(formatKm(1234.56)).toBe('1,234.6 km');
    expect(formatKm(2)).toBe('2.0 km');
    expect(formatDecimal(-0.004, 2)).toBe('0');
    // Rounded as written, not as stored: 1.005 is 1.00499… in binary, 106734491378.1335 is …1334991….
    expect(formatDecimal(1.005, 2)).toBe('1.01');
    expect(formatDecimal(106734491378.1335, 3)).toBe('106,734,491,378.134');
    expect(formatDecimal(2.5, 0)).toBe('3');
    expect(formatDecimal(1.5e-7, 2, 2)).toBe('0.00');
    expect(formatDecimal(999.995, 2)).toBe('1,000');
  });
});
