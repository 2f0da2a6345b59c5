import { openDB } from 'idb';
import { guarded, type SavedModelRecord, storageError } from './db.ts';

/*
 * Records of models saved in this browser. The weights live in tfjs's own
 * "tensorflowjs" database under `indexeddb://<name>`, so any tfjs app can
 * load them; these records add what tfjs does not keep (metadata.json).
 */

export function putModelRecord(record: SavedModelRecord): Promise<void> {
  return guarded(async (db) => {
    await db.put('models', record);
  });
}

/** Saved models, newest first. */
export function listModelRecords(): Promise<SavedModelRecord[]> {
  return guarded(async (db) => (await db.getAll('models')).sort((a, b) => b.savedAt - a.savedAt));
}

export function getModelRecord(name: string): Promise<SavedModelRecord | undefined> {
  return guarded((db) => db.get('models', name));
}

export function deleteModelRecord(name: string): Promise<void> {
  return guarded((db) => db.delete('models', name));
}

/** A failed save, in words that say what happened and what still works. */
export function modelNotSavedError(error: unknown): Error {
  const cause = storageError(error);
  return new Error(`${cause.message}: the model was not saved. Download it instead.`, {
    cause: error,
  });
}

/** tfjs's own database and store for `indexeddb://` models (tfjs-core's io/indexed_db). */
const TFJS_DB = 'tensorflowjs';
const TFJS_MODELS = 'models_store';

/**
 * Whether tfjs's store really holds the weights of `name`. tfjs reports a
 * save as done when its put succeeds, before the transaction commits, so a
 * quota abort at commit goes unseen; a read after the save waits for that
 * commit and tells. Call it only after a save: it opens the database as is.
 */
export async function tfjsModelStored(name: string): Promise<boolean> {
  const db = await openDB(TFJS_DB);
  try {
    if (!db.objectStoreNames.contains(TFJS_MODELS)) return false;
    return (await db.count(TFJS_MODELS, name)) > 0;
  } finally {
    db.close();
  }
}
