import { describe, expect, it } from 'vitest';
import { CurrentDataset } from '../../src/core/dataset/current.ts';
import { LoadCancelled, LoadTransactions } from '../../src/core/dataset/loads.ts';
import { loadDropped } from '../../src/core/dataset/transactions.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { file, imageName, kaggleCsv, tinyJpeg } from '../support/datasetFixtures.ts';
import { writeZip } from '../support/zipWriter.ts';

function dataset(count: number, zipName: string) {
  const jpg = tinyJpeg();
  const entries = Array.from({ length: count }, (_, i) => ({
    path: `x/${imageName(i + 1)}`,
    data: jpg,
  }));
  const files = [
    file(zipName, writeZip(entries)),
    file(
      'l.csv',
      kaggleCsv(count, (i) => i % 2 === 0),
    ),
  ];
  return { files, paths: files.map(() => ''), options: DEFAULT_SPLIT_OPTIONS };
}

describe('loads as transactions', () => {
  it('a newer load aborts the one in flight, and only the newer one is put in use', async () => {
    const data = new CurrentDataset();
    let newer: ReturnType<typeof loadDropped> | null = null;
    const big = dataset(30_000, 'big.zip');
    // The newer load starts once the older is indexing.
    const older = loadDropped(data, big, (stage, done) => {
      if (newer || !stage.startsWith('Indexing') || done === 0) return;
      newer = loadDropped(data, dataset(20, 'small.zip'), () => {});
    });
    await expect(older).rejects.toThrow(
      new LoadCancelled(
        'Loading big.zip and 1 more files stopped: small.zip and 1 more files was dropped after it.',
      ),
    );
    expect(newer).not.toBeNull();
    const loaded = await (newer as unknown as ReturnType<typeof loadDropped>);
    expect(loaded.summary.zipFile.name).toBe('small.zip');
    expect(data.indexed?.zip.fileName).toBe('small.zip');
  });

  it('cancel aborts the load in flight and says so; with none in flight it does nothing', () => {
    const loads = new LoadTransactions();
    expect(loads.cancel()).toBe(false);
    const signal = loads.begin('a.zip');
    expect(loads.cancel()).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new LoadCancelled('Loading a.zip was cancelled.'));
    const next = loads.begin('b.zip');
    loads.end(next);
    expect(loads.cancel()).toBe(false);
  });
});

describe('a request that cancels its own load', () => {
  it('cancels that load only, not a newer one', () => {
    const loads = new LoadTransactions();
    const request = new AbortController();
    const older = loads.begin('a.zip', request.signal);
    const newer = loads.begin('b.zip');
    expect(older.aborted).toBe(true);
    request.abort();
    expect(newer.aborted).toBe(false);
    const own = new AbortController();
    const third = loads.begin('c.zip', own.signal);
    own.abort();
    expect(third.reason).toEqual(new LoadCancelled('Loading c.zip was cancelled.'));
    expect(loads.cancel()).toBe(false);
  });
});
