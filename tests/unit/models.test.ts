import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { buildMetadata } from '../../src/core/export/metadata.ts';
import { DB_NAME, getRun, openStudioDb } from '../../src/storage/db.ts';
import {
  deleteModelRecord,
  getModelRecord,
  listModelRecords,
  putModelRecord,
  tfjsModelStored,
} from '../../src/storage/models.ts';
import { expectStudioStores, freshStudioDbPerTest } from '../support/freshStudioDb.ts';

const metadata = (name: string) =>
  buildMetadata({
    name,
    runId: null,
    exportedAt: new Date(0),
    classNames: ['female', 'male'],
    inputSize: 64,
    threshold: 0.5,
    config: null,
    history: [],
    test: null,
    backend: null,
    randomWeights: false,
    dataset: null,
  });

freshStudioDbPerTest();

describe('saved model records', () => {
  it('are listed newest first, read back whole and deleted', async () => {
    await putModelRecord({ name: 'old', savedAt: 1, sizeBytes: 10, metadata: metadata('old') });
    await putModelRecord({ name: 'new', savedAt: 2, sizeBytes: 20, metadata: metadata('new') });
    expect((await listModelRecords()).map((r) => r.name)).toEqual(['new', 'old']);
    expect((await getModelRecord('old'))?.metadata).toEqual(metadata('old'));
    await deleteModelRecord('old');
    expect((await listModelRecords()).map((r) => r.name)).toEqual(['new']);
  });

  it('saving under an existing name replaces the record', async () => {
    await putModelRecord({ name: 'm', savedAt: 1, sizeBytes: 10, metadata: metadata('m') });
    await putModelRecord({ name: 'm', savedAt: 2, sizeBytes: 30, metadata: metadata('m') });
    expect(await listModelRecords()).toHaveLength(1);
    expect((await getModelRecord('m'))?.sizeBytes).toBe(30);
  });

  it('a database from before the models store keeps its runs when upgraded', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' });
        db.createObjectStore('checkpoints', { keyPath: 'runId' });
        db.createObjectStore('weights', { keyPath: 'hash' });
        db.createObjectStore('meta');
      },
    });
    await v1.put('runs', { id: 'r1', createdAt: 1 });
    v1.close();
    const db = await openStudioDb();
    expectStudioStores(db);
    expect((await getRun('r1'))?.id).toBe('r1');
    await putModelRecord({ name: 'm', savedAt: 1, sizeBytes: 1, metadata: metadata('m') });
    expect((await listModelRecords()).map((r) => r.name)).toEqual(['m']);
  });
});

describe("tfjs's own store", () => {
  it('is asked whether the weights of a name really landed', async () => {
    // tfjs-core's layout: database "tensorflowjs", store "models_store" keyed by modelPath.
    const db = await openDB('tensorflowjs', 1, {
      upgrade(d) {
        d.createObjectStore('models_store', { keyPath: 'modelPath' });
        d.createObjectStore('model_info_store', { keyPath: 'modelPath' });
      },
    });
    await db.put('models_store', { modelPath: 'kept', modelArtifacts: {} });
    db.close();
    expect(await tfjsModelStored('kept')).toBe(true);
    expect(await tfjsModelStored('dropped')).toBe(false);
  });
});
