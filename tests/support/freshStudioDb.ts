import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { closeStudioDb } from '../../src/storage/db.ts';

/** Gives every test of the file a fresh, empty IndexedDB (fake-indexeddb) and closes it after. */
export function freshStudioDbPerTest(): void {
  beforeEach(async () => {
    await closeStudioDb();
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => closeStudioDb());
}
