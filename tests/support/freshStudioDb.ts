import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, expect } from 'vitest';
import { closeStudioDb } from '../../src/storage/db.ts';

/** Gives every test of the file a fresh, empty IndexedDB (fake-indexeddb) and closes it after. */
export function freshStudioDbPerTest(): void {
  beforeEach(async () => {
    await closeStudioDb();
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => closeStudioDb());
}

/** The studio database holds exactly its five stores. */
export function expectStudioStores(db: { objectStoreNames: Iterable<string> }): void {
  expect([...db.objectStoreNames].sort()).toEqual([
    'checkpoints',
    'meta',
    'models',
    'runs',
    'weights',
  ]);
}
