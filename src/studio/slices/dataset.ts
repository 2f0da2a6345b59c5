import type { DatasetSummary, SampleImage } from '../../domain/dataset.ts';
import { assertNever } from '../../domain/never.ts';
import type { DatasetEvent } from '../../protocol/dataset.ts';

export interface DatasetState {
  progress: { stage: string; done: number; total: number } | null;
  summary: DatasetSummary | null;
  error: string | null;
  samples: SampleImage[];
  augmented: SampleImage[];
  /** Counts answers (summary or failure), so the page can tell a repeated failure from none. */
  answers: number;
  /** When the dataset in use was loaded (ms since the epoch). */
  inUseSince: number | null;
  /** A load that was stopped (by a newer drop or Cancel): what happened to it. */
  cancelled: string | null;
  /** A label file read without recognised columns: its columns, to pick by hand. */
  pick: { fileName: string; columns: string[] } | null;
}

export const initialDatasetState: DatasetState = {
  progress: null,
  summary: null,
  error: null,
  samples: [],
  augmented: [],
  answers: 0,
  inUseSince: null,
  cancelled: null,
  pick: null,
};

export function reduceDataset(state: DatasetState, event: DatasetEvent): DatasetState {
  switch (event.type) {
    case 'progress':
      return { ...state, progress: { stage: event.stage, done: event.done, total: event.total } };
    case 'summary':
      return {
        ...state,
        progress: null,
        error: null,
        pick: null,
        summary: event.summary,
        answers: state.answers + 1,
        ...(event.loadedAt === undefined ? {} : { inUseSince: event.loadedAt, cancelled: null }),
      };
    case 'failed':
      return {
        ...state,
        progress: null,
        error: event.message,
        pick: event.pick ?? null,
        answers: state.answers + 1,
      };
    case 'cancelled':
      return { ...state, progress: null, cancelled: event.message, answers: state.answers + 1 };
    case 'samples':
      return { ...state, samples: event.samples, augmented: event.augmented };
    default:
      return assertNever(event, 'dataset event');
  }
}
