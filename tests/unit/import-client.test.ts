/**
 * The main-thread client with a stand-in worker: per-file deadline (a reader that never answers, as shpjs
 * 6.2.0 does on a cut-off zip), a fresh worker after a timeout, progress, and cancel.
 */
import { describe, expect, it } from 'vitest';
import { fromBlob, importInWorker, type WorkerLike, type WorkerRequest } from '../../src/lib/import/client';
import { importFile } from '../../src/lib/import/import';
import { fixture, parseXml } from './import-support';

/** A worker that runs the real importer, except for files named "hang…", which never answer. */
class FakeWorker implements WorkerLike {
  static created = 0;
  static terminated = 0;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  dead = false;
  constructor() {
    FakeWorker.created++;
  }
  postMessage({ id, file, options }: WorkerRequest): void {
    if (this.dead) throw new Error('posted to a terminated worker');
    if (file.name.startsWith('hang')) return;
    setTimeout(() => {
      if (this.dead) return;
      const result = importFile(file, { ...options, parseXml });
      this.onmessage?.({ data: { id, ...result } } as MessageEvent);
    }, 5);
  }
  terminate(): void {
    this.dead = true;
    FakeWorker.terminated++;
  }
}

function reset() {
  FakeWorker.created = 0;
  FakeWorker.terminated = 0;
}

describe('importInWorker', () => {
  it('imports files in order with progress, and ends its worker', async () => {
    reset();
    const progress: string[] = [];
    const result = await importInWorker(
      [fixture('valid.geojson'), fixture('empty.geojson'), fixture('valid.kml')],
      {
        createWorker: () => new FakeWorker(),
        onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.file}`)
      }
    );
    expect(result.layers.map((l) => l.file)).toEqual(['valid.geojson', 'valid.kml']);
    expect(result.errors.map((e) => e.code)).toEqual(['empty']);
    expect(progress).toEqual(['0/3 valid.geojson', '1/3 empty.geojson', '2/3 valid.kml', '3/3 valid.kml']);
    expect([FakeWorker.created, FakeWorker.terminated]).toEqual([1, 1]);
  });

  it('a file past its deadline gets a timeout error; the next file runs on a fresh worker', async () => {
    reset();
    const hang = { ...fixture('truncated.zip'), name: 'hang.zip' };
    const result = await importInWorker([hang, fixture('valid.geojson')], {
      createWorker: () => new FakeWorker(),
      deadlineMs: 50
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'hang.zip', code: 'timeout' });
    expect(result.errors[0]!.message.en).toBe(
      'hang.zip: reading the file took longer than 0.1 s and was stopped'
    );
    expect(result.layers.map((l) => l.file)).toEqual(['valid.geojson']);
    expect([FakeWorker.created, FakeWorker.terminated]).toEqual([2, 2]);
  });

  it('cancelling rejects with an AbortError and ends the worker; nothing of the batch is returned', async () => {
    reset();
    const controller = new AbortController();
    const hang = { ...fixture('valid.geojson'), name: 'hang.geojson' };
    const pending = importInWorker([fixture('valid.geojson'), hang], {
      createWorker: () => new FakeWorker(),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.file === 'hang.geojson') setTimeout(() => controller.abort(), 10);
      }
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.terminated).toBe(1);
    await expect(
      importInWorker([fixture('valid.geojson')], { signal: controller.signal })
    ).rejects.toMatchObject({
      name: 'AbortError'
    });
  });
});

describe('fromBlob', () => {
  /** A file of gigabytes, as a browser hands it over: its size is known, reading it fails. */
  const huge = {
    name: 'survey-2024.geojson',
    size: 3 * 1024 ** 3,
    arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file could not be read'))
  } as unknown as Blob & { name: string };

  it('leaves a file over the size budget unread, and the importer refuses it naming the budget', async () => {
    reset();
    const input = await fromBlob(huge);
    expect(input).toEqual({ name: huge.name, bytes: new Uint8Array(0), size: huge.size });
    const result = await importInWorker([input, fixture('valid.geojson')], {
      createWorker: () => new FakeWorker()
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe('too-large');
    expect(result.errors[0]!.message.en).toBe(
      'survey-2024.geojson: the file is 3072.0 MB, over the budget of 100.0 MB'
    );
    // The other file of the batch is imported as usual.
    expect(result.layers.map((l) => l.file)).toEqual(['valid.geojson']);
  });

  it('reads a file within the budget whole', async () => {
    const bytes = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    const file = Object.assign(new Blob([bytes]), { name: 'small.geojson' });
    expect(await fromBlob(file)).toEqual({ name: 'small.geojson', bytes });
    expect(await fromBlob(file, bytes.length - 1)).toEqual({
      name: 'small.geojson',
      bytes: new Uint8Array(0),
      size: bytes.length
    });
  });
});
