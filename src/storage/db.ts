import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ModelMetadata } from '../domain/export.ts';
import type { RunRecord } from '../domain/training.ts';

/*
 * The studio's one IndexedDB database. Runs by main thread and worker alike
 * (both have `indexedDB`); every other storage module opens it through here
 * so there is one schema and one version number.
 */

export const DB_NAME = 'celeba-studio';
/** 2 added `models`. */
const DB_VERSION = 2;

/** The training state at the end of an epoch; `payload` is the engine's own, structured-cloneable. */
export interface CheckpointRecord {
  runId: string;
  savedAt: number;
  epochsDone: number;
  payload: unknown;
}

/** Downloaded base weights, keyed by content hash; the rest of the record belongs to the weights cache. */
export interface WeightsRecord {
  hash: string;
  [field: string]: unknown;
}

/** One saved model's record; `name` is also its `indexeddb://` name. */
export interface SavedModelRecord {
  name: string;
  savedAt: number;
  sizeBytes: number;
  metadata: ModelMetadata;
}

export interface StudioSchema extends DBSchema {
  runs: { key: string; value: RunRecord };
  checkpoints: { key: string; value: CheckpointRecord };
  weights: { key: string; value: WeightsRecord };
  /** Small settings and markers, stored out of line under a string key. */
  meta: { key: string; value: unknown };
  /** Metadata of models saved with tfjs's `indexeddb://`; tfjs keeps their weights in its own database. */
  models: { key: string; value: SavedModelRecord };
}

export type StudioDb = IDBPDatabase<StudioSchema>;

/** Turns whatever IndexedDB threw into one message a person can act on. */
export function storageError(error: unknown): Error {
  if (error instanceof Error && error.message.startsWith('Browser storage is unavailable')) {
    return error;
  }
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  const reason =
    name === 'QuotaExceededError'
      ? `the storage quota is full: delete old runs or free disk space; ${detail}`
      : name === 'InvalidStateError' || name === 'SecurityError'
        ? `the browser refuses IndexedDB here, as in private mode; ${detail}`
        : detail;
  return new Error(`Browser storage is unavailable (${reason})`, { cause: error });
}

let opening: Promise<StudioDb> | null = null;

/** Opens (once) and returns the studio database, creating its stores on first use. */
export function openStudioDb(): Promise<StudioDb> {
  if (opening) return opening;
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(storageError('this browser offers no IndexedDB'));
  }
  const attempt = openDB<StudioSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('checkpoints')) {
        db.createObjectStore('checkpoints', { keyPath: 'runId' });
      }
      if (!db.objectStoreNames.contains('weights')) {
        db.createObjectStore('weights', { keyPath: 'hash' });
      }
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('models')) {
        db.createObjectStore('models', { keyPath: 'name' });
      }
    },
    // A newer studio in another tab wants to upgrade: let it, and reopen next time.
    blocking() {
      void attempt.then((db) => db.close());
      opening = null;
    },
    terminated() {
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw storageError(error);
  });
  opening = attempt;
  return attempt;
}

/** Closes the connection; the next call opens it again (tests, and before deleting the database). */
export async function closeStudioDb(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current.catch(() => null))?.close();
}

/** Runs `work` on the studio database; any failure comes back as a `storageError`. */
export async function guarded<T>(work: (db: StudioDb) => Promise<T>): Promise<T> {
  const db = await openStudioDb();
  try {
    return await work(db);
  } catch (error) {
    throw storageError(error);
  }
}

export function putRun(run: RunRecord): Promise<void> {
  return guarded(async (db) => {
    await db.put('runs', run);
  });
}

/** Every stored run, oldest first. */
export function listRuns(): Promise<RunRecord[]> {
  return guarded(async (db) => {
    const runs = await db.getAll('runs');
    return runs.sort((a, b) => a.createdAt - b.createdAt);
  });
}

export function getRun(id: string): Promise<RunRecord | undefined> {
  return guarded((db) => db.get('runs', id));
}

/** Deletes the run and its checkpoint together. */
export function deleteRun(id: string): Promise<void> {
  return guarded(async (db) => {
    const tx = db.transaction(['runs', 'checkpoints'], 'readwrite');
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('checkpoints').delete(id),
      tx.done,
    ]);
  });
}

export function putCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
  return guarded(async (db) => {
    await db.put('checkpoints', checkpoint);
  });
}

export function getCheckpoint(runId: string): Promise<CheckpointRecord | undefined> {
  return guarded((db) => db.get('checkpoints', runId));
}

export function deleteCheckpoint(runId: string): Promise<void> {
  return guarded((db) => db.delete('checkpoints', runId));
}

/** Checkpoints newest first, to offer the latest unfinished run for resuming. */
export function listCheckpoints(): Promise<CheckpointRecord[]> {
  return guarded(async (db) => {
    const all = await db.getAll('checkpoints');
    return all.sort((a, b) => b.savedAt - a.savedAt);
  });
}

/** A stored value, unknown-typed: the caller checks its shape. */
export function getMeta(key: string): Promise<unknown> {
  return guarded((db) => db.get('meta', key));
}

export function setMeta(key: string, value: unknown): Promise<void> {
  return guarded(async (db) => {
    await db.put('meta', value, key);
  });
}
