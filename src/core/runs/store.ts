import type { RunRecord } from '../../domain/training.ts';

/** The training state at the end of an epoch; `payload` is the engine's own, structured-cloneable. */
export interface StoredCheckpoint {
  runId: string;
  savedAt: number;
  epochsDone: number;
  payload: unknown;
}

/**
 * Where the run manager keeps runs, checkpoints and its resume marker. The
 * worker passes one backed by IndexedDB; tests and Node pass `memoryRunStore`.
 */
export interface RunStore {
  putRun(run: RunRecord): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Every stored run, in any order. */
  listRuns(): Promise<RunRecord[]>;
  /** Deletes the run and its checkpoint. */
  deleteRun(id: string): Promise<void>;
  putCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  getCheckpoint(runId: string): Promise<StoredCheckpoint | undefined>;
  deleteCheckpoint(runId: string): Promise<void>;
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** A store that lives as long as the process: for Node and tests. */
export function memoryRunStore(): RunStore {
  const runs = new Map<string, RunRecord>();
  const checkpoints = new Map<string, StoredCheckpoint>();
  const meta = new Map<string, unknown>();
  return {
    putRun: async (run) => {
      runs.set(run.id, structuredClone(run));
    },
    getRun: async (id) => structuredClone(runs.get(id)),
    listRuns: async () => [...runs.values()].map((r) => structuredClone(r)),
    deleteRun: async (id) => {
      runs.delete(id);
      checkpoints.delete(id);
    },
    putCheckpoint: async (checkpoint) => {
      checkpoints.set(checkpoint.runId, checkpoint);
    },
    getCheckpoint: async (runId) => checkpoints.get(runId),
    deleteCheckpoint: async (runId) => {
      checkpoints.delete(runId);
    },
    getMeta: async (key) => meta.get(key),
    setMeta: async (key, value) => {
      meta.set(key, value);
    },
  };
}
