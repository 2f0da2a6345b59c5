import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../src/domain/dataset.ts';
import { initialDatasetState, reduceDataset } from '../../src/studio/slices/dataset.ts';

const summary = (name: string) => ({ zipFile: { name } }) as unknown as DatasetSummary;

describe('the dataset in use, as the page keeps it', () => {
  it('a newly loaded dataset records when; a re-posted summary keeps that time', () => {
    let state = reduceDataset(initialDatasetState, {
      scope: 'dataset',
      type: 'summary',
      summary: summary('a.zip'),
      loadedAt: 1000,
    });
    expect(state.inUseSince).toBe(1000);
    state = reduceDataset(state, { scope: 'dataset', type: 'summary', summary: summary('a.zip') });
    expect(state.inUseSince).toBe(1000);
  });

  it('a failed or cancelled load keeps the summary and time of the dataset in use', () => {
    const loaded = reduceDataset(initialDatasetState, {
      scope: 'dataset',
      type: 'summary',
      summary: summary('a.zip'),
      loadedAt: 1000,
    });
    const indexing = reduceDataset(loaded, {
      scope: 'dataset',
      type: 'progress',
      stage: 'Indexing b.zip',
      done: 10,
      total: 100,
    });
    const cancelled = reduceDataset(indexing, {
      scope: 'dataset',
      type: 'cancelled',
      message: 'Loading b.zip was cancelled.',
    });
    expect(cancelled).toMatchObject({
      summary: summary('a.zip'),
      inUseSince: 1000,
      progress: null,
      cancelled: 'Loading b.zip was cancelled.',
    });
    const failed = reduceDataset(loaded, { scope: 'dataset', type: 'failed', message: 'bad' });
    expect(failed).toMatchObject({ summary: summary('a.zip'), inUseSince: 1000, error: 'bad' });
    const next = reduceDataset(cancelled, {
      scope: 'dataset',
      type: 'summary',
      summary: summary('c.zip'),
      loadedAt: 2000,
    });
    expect(next).toMatchObject({ inUseSince: 2000, cancelled: null, error: null });
  });
});
