import { describe, expect, it } from 'vitest';
import type { ActiveModel } from '../../src/domain/export.ts';
import { initialExportState, reduceExport } from '../../src/studio/slices/export.ts';

const loaded: ActiveModel = {
  source: 'loaded',
  name: 'm',
  origin: 'browser storage',
  inputSize: 32,
  classNames: ['female', 'male'],
  threshold: 0.5,
  history: [],
};

describe('the export slice', () => {
  it('keeps a failure next to its action until that action works', () => {
    const failed = reduceExport(
      { ...initialExportState, busy: { action: 'save', message: 'Saving…' } },
      {
        scope: 'export',
        type: 'failed',
        action: 'save',
        message: 'Browser storage is unavailable',
      },
    );
    expect(failed.busy).toBeNull();
    expect(failed.errors).toEqual({ save: 'Browser storage is unavailable' });
    const downloaded = reduceExport(failed, {
      scope: 'export',
      type: 'download',
      fileName: 'm.zip',
      bytes: new ArrayBuffer(2_500_000),
    });
    expect(downloaded.errors.save).toBe('Browser storage is unavailable');
    expect(downloaded.done).toBe('Downloaded m.zip (2.5 MB).');
    const saved = reduceExport(downloaded, { scope: 'export', type: 'saved', name: 'm' });
    expect(saved.errors).toEqual({});
  });

  it('a loaded model replaces the current run and clears the last prediction', () => {
    const withPrediction = {
      ...initialExportState,
      prediction: {
        fileName: 'a.jpg',
        probability: 0.2,
        className: 'female',
        confidence: 0.8,
        input: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
        model: { ...loaded, source: 'trained' as const },
      },
    };
    const next = reduceExport(withPrediction, { scope: 'export', type: 'active', model: loaded });
    expect(next.loaded).toEqual(loaded);
    expect(next.prediction).toBeNull();
    const unloaded = reduceExport(next, { scope: 'export', type: 'active', model: null });
    expect(unloaded.loaded).toBeNull();
  });
});
