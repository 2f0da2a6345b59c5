import type { DatasetSummary, SampleImage } from '../../domain/dataset.ts';
import { assertNever } from '../../domain/never.ts';
import type { DatasetEvent } from '../../protocol/dataset.ts';

export interface DatasetState {
  progress: { stage: string; done: number; total: number } | null;
  summary: DatasetSummary | null;
  error: string | null;
  samples: SampleImage[];
  augmented: SampleImage[];
}

export const initialDatasetState: DatasetState = {
  progress: null,
  summary: null,
  error: null,
  samples: [],
  augmented: [],
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
        summary: event.summary,
      };
    case 'failed':
      return { ...state, progress: null, error: event.message };
    case 'samples':
      return { ...state, samples: event.samples, augmented: event.augmented };
    default:
      return assertNever(event, 'dataset event');
  }
}
