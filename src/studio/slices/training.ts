import { assertNever } from '../../domain/never.ts';
import type { TrainingEvent } from '../../protocol/training.ts';

/** What event `T` carries: the state holds what the worker reports, typed once by the protocol. */
type Carried<T extends TrainingEvent['type']> = Omit<
  Extract<TrainingEvent, { type: T }>,
  'scope' | 'type'
>;

export interface TrainingState {
  status: Carried<'status'>['status'];
  message: string | null;
  /** Images counted through a long pass (feature caching, evaluation) under way. */
  work: Carried<'status'>['work'];
  runId: string | null;
  runName: string | null;
  config: Carried<'started'>['config'] | null;
  progress: Carried<'progress'>['progress'] | null;
  history: Carried<'started'>['history'];
  batches: Carried<'batch'>['logs'];
  notices: string[];
  skipped: Carried<'skipped'>;
  runs: Carried<'runs'>['runs'];
  resumable: Carried<'resumable'>['run'];
  queue: Carried<'queue'> | null;
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
