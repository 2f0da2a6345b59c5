import type { ResumableRun, RunRecord } from '../../domain/training.ts';
import { type CheckpointPayload, isCheckpointPayload } from '../training/checkpoint.ts';
import type { RunStore } from './store.ts';

/** The meta key of the run in progress: set while it trains, cleared when it ends. */
export const ACTIVE_RUN_KEY = 'active-run';

/** What the store remembers about the run in progress. */
export interface ActiveRunMarker {
  runId: string;
  /** The dataset it trains on (see `datasetKey`); null when unknown. */
  datasetKey: string | null;
  /** The demo dataset's parameters, when it trains on the demo (which can be regenerated). */
  demo: unknown;
}

export async function readMarker(store: RunStore): Promise<ActiveRunMarker | null> {
  const value = await store.getMeta(ACTIVE_RUN_KEY);
  if (typeof value !== 'object' || value === null) return null;
  const { runId, datasetKey, demo } = value as Partial<ActiveRunMarker>;
  if (typeof runId !== 'string') return null;
  return { runId, datasetKey: typeof datasetKey === 'string' ? datasetKey : null, demo };
}

export interface Resumable {
  record: RunRecord;
  payload: CheckpointPayload;
  savedAt: number;
}

/** The run's record and checkpoint, when both are there to continue from. */
export async function findResumable(store: RunStore, runId: string): Promise<Resumable | null> {
  const checkpoint = await store.getCheckpoint(runId);
  const record = await store.getRun(runId);
  if (!checkpoint || !record || !isCheckpointPayload(checkpoint.payload)) return null;
  return { record, payload: checkpoint.payload, savedAt: checkpoint.savedAt };
}

/** The resume offer the page shows after a reload. */
export function resumeOffer({ payload, savedAt }: Resumable): ResumableRun {
  return {
    id: payload.runId,
    name: payload.name,
    epochsDone: payload.history.length,
    epochsTotal: payload.totalEpochs,
    savedAt,
  };
}
