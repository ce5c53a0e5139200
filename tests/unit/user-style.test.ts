/** Styling a user's layer by a property: categories (top N and "other") and graduated classes. */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  CATEGORY_COLOURS,
  OTHER_COLOUR,
  classBreaks,
  classOf,
  classify,
  featureColours,
  numeric,
  propertySummary,
  ramp,
  rgb
} from '../../src/lib/user/style';
import { levelColours } from '../../src/lib/map/user-lod';

const layer = (values: unknown[], key = 'v'): FeatureCollection => ({
  type: 'FeatureCollection',
  features: values.map((v, i) => ({
    type: 'Feature',
    properties: v === undefined ? {} : { [key]: v, i },
    geometry: { type: 'Point', coordinates: [120 + i / 100, 36] }
  }))
});

describe('categories', () => {
  it('gives the most frequent values their own colours and the rest "other", counted', () => {
    const fc = layer(['a', 'b', 'a', 'c', 'd', 'a', 'b', 'e', undefined, '']);
    const { entryOf, legend } = classify(fc, {
      kind: 'categories',
      colour: '#000000',
      property: 'v',
      top: 2
    });
    expect(legend).toEqual([
      { colour: CATEGORY_COLOURS[0], value: 'a', count: 3 },
      { colour: CATEGORY_COLOURS[1], value: 'b', count: 2 },
      { colour: OTHER_COLOUR, rest: 'other', count: 3 },
      { colour: OTHER_COLOUR, rest: 'none', count: 2 }
    ]);
    expect(Array.from(entryOf)).toEqual([0, 1, 0, 2, 2, 0, 1, 2, 3, 3]);
  });

  it('keeps every value when only one would be left over (no "other" of one)', () => {
    const { legend } = classify(layer(['a', 'b', 'c']), {
      kind: 'categories',
      colour: '#000000',
      property: 'v',
      top: 2
    });
    expect(legend.map((e) => e.value)).toEqual(['a', 'b', 'c']);
  });

  it('orders ties by value, so the colours do not depend on the order of the file', () => {
    const one = classify(layer(['x', 'y']), { kind: 'categories', colour: '#000000', property: 'v', top: 5 });
    const two = classify(layer(['y', 'x']), { kind: 'categories', colour: '#000000', property: 'v', top: 5 });
    expect(one.legend).toEqual(two.legend);
  });
});

describe('graduated classes', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];

  it('equal intervals split the range into equal steps', () => {
    expect(classBreaks(values, 4, 'equal')).toEqual([25.75, 50.5, 75.25, 100]);
  });

  it('quantiles put about as many values in each class', () => {
    const breaks = classBreaks(values, 5, 'quantile');
    expect(breaks).toEqual([2, 4, 6, 8, 100]);
    const counts = breaks.map(() => 0);
    for (const v of values) counts[classOf(v, breaks)]!++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('merges classes that would have the same bounds', () => {
    expect(classBreaks([5, 5, 5, 5, 9], 4, 'quantile')).toEqual([5, 9]);
    expect(classBreaks([3, 3, 3], 5, 'equal')).toEqual([3]);
  });

  it('a value on a bound falls in the class the bound closes', () => {
    expect(classOf(2, [2, 4, 6])).toBe(0);
    expect(classOf(2.0001, [2, 4, 6])).toBe(1);
    expect(classOf(6, [2, 4, 6])).toBe(2);
  });

  it('classifies features, numbers written as text too, and counts those without a number', () => {
    const fc = layer([1, '2', 3, 4, 'n/a', null, 10, '1e1']);
    const { entryOf, legend } = classify(fc, {
      kind: 'graduated',
      colour: '#000000',
      property: 'v',
      method: 'equal',
      classes: 3
    });
    expect(legend.map((e) => [e.range, e.count, e.rest])).toEqual([
      [[1, 4], 4, undefined],
      [[4, 7], 0, undefined],
      [[7, 10], 2, undefined],
      [undefined, 2, 'none']
    ]);
    expect(legend.slice(0, 3).map((e) => e.colour)).toEqual(ramp(3));
    expect(Array.from(entryOf)).toEqual([0, 0, 0, 0, 3, 3, 2, 2]);
  });
});

describe('colours per feature, as binary attributes', () => {
  it('turns the legend rows into RGB per feature and RGBA per drawn part', () => {
    const classified = classify(layer(['a', 'b', 'a']), {
      kind: 'categories',
      colour: '#000000',
      property: 'v',
      top: 5
    });
    const colours = featureColours(classified);
    expect(Array.from(colours)).toEqual([
      ...rgb(CATEGORY_COLOURS[0]),
      ...rgb(CATEGORY_COLOURS[1]),
      ...rgb(CATEGORY_COLOURS[0])
    ]);
    const level = {
      featureOf: { points: Uint32Array.of(2, 1), lines: Uint32Array.of(0), polygons: new Uint32Array(0) }
    };
    const out = levelColours(level, colours);
    expect(Array.from(out.points)).toEqual([
      ...rgb(CATEGORY_COLOURS[0]),
      200,
      ...rgb(CATEGORY_COLOURS[1]),
      200
    ]);
    expect(Array.from(out.lines)).toEqual([...rgb(CATEGORY_COLOURS[0]), 230]);
    expect(out.polygons).toHaveLength(0);
  });
});

describe('properties to style by', () => {
  it('lists each property and whether its values are numbers', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'a', n: 1, s: '3.5', e: null },
          geometry: { type: 'Point', coordinates: [120, 36] }
        },
        {
          type: 'Feature',
          properties: { name: 'b', n: 2, s: 'x', e: '' },
          geometry: { type: 'Point', coordinates: [120, 36] }
        }
      ]
    };
    expect(propertySummary(fc)).toEqual([
      { name: 'name', numeric: false },
      { name: 'n', numeric: true },
      { name: 's', numeric: false },
      { name: 'e', numeric: true }
    ]);
    expect(numeric(' 12 ')).toBe(12);
    expect(numeric('12a')).toBeNull();
    expect(numeric(Infinity)).toBeNull();
  });
});
