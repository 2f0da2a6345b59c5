import { assertNever } from '../../domain/never.ts';
import type {
  BatchLog,
  EpochLog,
  ResumableRun,
  RunConfig,
  RunRecord,
  TrainingProgress,
  TrainingStatus,
  WorkCount,
} from '../../domain/training.ts';
import type { TrainingEvent } from '../../protocol/training.ts';

export interface TrainingState {
  status: TrainingStatus;
  message: string | null;
  /** Images counted through a long pass (feature caching, evaluation) under way. */
  work: WorkCount | null;
  runId: string | null;
  runName: string | null;
  config: RunConfig | null;
  progress: TrainingProgress | null;
  history: EpochLog[];
  batches: BatchLog[];
  notices: string[];
  skipped: { count: number; examples: string[] };
  runs: RunRecord[];
  resumable: ResumableRun | null;
  queue: { position: number; total: number } | null;
}

export const initialTrainingState: TrainingState = {
  status: 'idle',
  message: null,
  work: null,
  runId: null,
  runName: null,
  config: null,
  progress: null,
  history: [],
  batches: [],
  notices: [],
  skipped: { count: 0, examples: [] },
  runs: [],
  resumable: null,
  queue: null,
};

/** Batch points kept for the chart: enough for a long run, bounded for memory. */
const MAX_BATCH_POINTS = 5000;

export function reduceTraining(state: TrainingState, event: TrainingEvent): TrainingState {
  switch (event.type) {
    case 'status':
      return { ...state, status: event.status, message: event.message, work: event.work };
    case 'started':
      return {
        ...state,
        runId: event.runId,
        runName: event.name,
        config: event.config,
        history: event.history,
        batches: [],
        notices: [],
        skipped: { count: 0, examples: [] },
        progress: null,
        resumable: null,
      };
    case 'progress':
      return { ...state, progress: event.progress };
    case 'batch': {
      const batches = state.batches.concat(event.logs);
      return {
        ...state,
        batches: batches.length > MAX_BATCH_POINTS ? batches.slice(-MAX_BATCH_POINTS) : batches,
      };
    }
    case 'epoch':
      return { ...state, history: [...state.history, event.log] };
    case 'notice':
      return { ...state, notices: [...state.notices.slice(-9), event.message] };
    case 'skipped':
      return {
        ...state,
        skipped: {
          count: state.skipped.count + event.count,
          examples: [...state.skipped.examples, ...event.examples].slice(0, 10),
        },
      };
    case 'runs':
      return { ...state, runs: event.runs };
    case 'resumable':
      return { ...state, resumable: event.run };
    case 'queue':
      return {
        ...state,
        queue:
          event.position < event.total ? { position: event.position, total: event.total } : null,
      };
    default:
      return assertNever(event, 'training event');
  }
}
