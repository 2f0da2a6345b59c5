import { describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING, type RunRecord } from '../../src/domain/training.ts';
import {
  deleteCheckpoint,
  deleteRun,
  getCheckpoint,
  getMeta,
  getRun,
  listCheckpoints,
  listRuns,
  openStudioDb,
  putCheckpoint,
  putRun,
  setMeta,
  storageError,
} from '../../src/storage/db.ts';
import { expectStudioStores, freshStudioDbPerTest } from '../support/freshStudioDb.ts';

function run(id: string, createdAt: number): RunRecord {
  return {
    id,
    name: `run ${id}`,
    createdAt,
    config: {
      model: DEFAULT_MODEL_OPTIONS,
      augment: DEFAULT_AUGMENT,
      training: REFERENCE_TRAINING,
    },
    history: [
      {
        epoch: 1,
        phase: 'head',
        loss: 0.5,
        accuracy: 0.75,
        valLoss: 0.4,
        valAccuracy: 0.8,
        seconds: 3,
      },
    ],
    test: null,
    backend: 'wasm',
    seconds: 3,
    status: 'finished',
    randomWeights: true,
    synthetic: true,
  };
}

freshStudioDbPerTest();

describe('studio database', () => {
  it('creates the five stores under the studio name', async () => {
    const db = await openStudioDb();
    expect(db.name).toBe('celeba-studio');
    expectStudioStores(db);
    expect(await openStudioDb()).toBe(db);
  });

  it('stores runs, lists them oldest first and replaces by id', async () => {
    await putRun(run('b', 2000));
    await putRun(run('a', 1000));
    expect((await listRuns()).map((r) => r.id)).toEqual(['a', 'b']);
    await putRun({ ...run('a', 1000), status: 'stopped' });
    expect(await listRuns()).toHaveLength(2);
    expect((await getRun('a'))?.status).toBe('stopped');
    expect((await getRun('a'))?.history[0]?.valAccuracy).toBe(0.8);
  });

  it('keeps checkpoints by run and deletes a run together with its checkpoint', async () => {
    await putRun(run('a', 1000));
    await putRun(run('b', 2000));
    const weights = new Float32Array([1, 2, 3]).buffer;
    await putCheckpoint({ runId: 'a', savedAt: 10, epochsDone: 1, payload: { weights } });
    await putCheckpoint({ runId: 'b', savedAt: 20, epochsDone: 2, payload: null });
    const stored = await getCheckpoint('a');
    expect(stored?.epochsDone).toBe(1);
    expect(stored?.payload).toEqual({ weights });
    expect((await listCheckpoints()).map((c) => c.runId)).toEqual(['b', 'a']);

    await deleteRun('a');
    expect((await listRuns()).map((r) => r.id)).toEqual(['b']);
    expect(await getCheckpoint('a')).toBeUndefined();
    expect(await getCheckpoint('b')).toBeDefined();

    await deleteCheckpoint('b');
    expect(await getCheckpoint('b')).toBeUndefined();
    expect(await listRuns()).toHaveLength(1);
  });

  it('keeps small values under string keys', async () => {
    expect(await getMeta('last-run')).toBeUndefined();
    await setMeta('last-run', { id: 'a' });
    expect(await getMeta('last-run')).toEqual({ id: 'a' });
  });
});

describe('storage failures', () => {
  it('says plainly when the browser has no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // Simulates a browser or mode without IndexedDB.
    Reflect.deleteProperty(globalThis, 'indexedDB');
    try {
      await expect(listRuns()).rejects.toThrow(
        'Browser storage is unavailable (this browser offers no IndexedDB)',
      );
    } finally {
      globalThis.indexedDB = saved;
    }
    // Once IndexedDB is back the next call works.
    expect(await listRuns()).toEqual([]);
  });

  it('names a full quota and private mode', () => {
    const quota = storageError(Object.assign(new Error('too big'), { name: 'QuotaExceededError' }));
    expect(quota.message).toMatch(/^Browser storage is unavailable \(the storage quota is full/);
    const privateMode = storageError(
      Object.assign(new Error('nope'), { name: 'InvalidStateError' }),
    );
    expect(privateMode.message).toContain('private mode');
    expect(storageError(quota)).toBe(quota);
  });

  it('wraps a failing operation, such as a value that cannot be cloned', async () => {
    const bad = { ...run('x', 1), history: [() => 0] } as unknown as RunRecord;
    await expect(putRun(bad)).rejects.toThrow(/^Browser storage is unavailable \(/);
  });
});
