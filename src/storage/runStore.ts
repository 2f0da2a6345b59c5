import type { RunStore } from '../core/runs/store.ts';
import {
  deleteCheckpoint,
  deleteRun,
  getCheckpoint,
  getMeta,
  getRun,
  listRuns,
  putCheckpoint,
  putRun,
  setMeta,
} from './db.ts';

/** The run manager's store in this browser's IndexedDB. */
export const indexedDbRunStore: RunStore = {
  putRun,
  getRun,
  listRuns,
  deleteRun,
  putCheckpoint,
  getCheckpoint,
  deleteCheckpoint,
  getMeta,
  setMeta,
};
