import { describe, expect, it } from 'vitest';
import { DataFileError, fetchDataFile } from '../../src/lib/data/data-file';

const answering = (body: string, status = 200): typeof fetch =>
  (async () => new Response(body, { status })) as typeof fetch;

async function problemOf(fetcher: typeof fetch, file: string) {
  try {
    await fetchDataFile(fetcher, '', file);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return { file: (error as DataFileError).file, problem: (error as DataFileError).problem };
  }
  throw new Error('no error');
}

describe('a data file the map cannot use', () => {
  it('is named, with what is wrong with it', async () => {
    expect(await problemOf(answering('gone', 404), 'plan.json')).toEqual({
      file: 'data/plan.json',
      problem: { kind: 'http', status: 404 }
    });
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await problemOf(refused, 'features.geojson')).toEqual({
      file: 'data/features.geojson',
      problem: { kind: 'network', detail: 'Failed to fetch' }
    });
    const cut = await problemOf(answering('{"type":"FeatureCollection","fea'), 'features.geojson');
    expect(cut.problem.kind).toBe('json');
    expect(await problemOf(answering('{"type":"Feature"}'), 'features.geojson')).toMatchObject({
      problem: { kind: 'shape', detail: 'a GeoJSON FeatureCollection' }
    });
    // Not a FeatureCollection, though it has a features array.
    expect(
      (await problemOf(answering('{"type":"Topology","features":[]}'), 'features.geojson')).problem.kind
    ).toBe('shape');
    expect((await problemOf(answering('[1,2]'), 'plan.json')).problem.kind).toBe('shape');
    expect((await problemOf(answering('null'), 'metro-building.json')).problem.kind).toBe('shape');
  });

  it('a sound file is returned as it is', async () => {
    const plan = { chapters: [], articles: [], targets: [], as_of: '2026-01-01' };
    expect(await fetchDataFile(answering(JSON.stringify(plan)), '', 'plan.json')).toEqual(plan);
  });
});
