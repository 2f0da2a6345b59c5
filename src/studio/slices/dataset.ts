import type { DatasetEvent } from '../../protocol/dataset.ts';
import { assertNever } from '../../protocol/index.ts';

export interface DatasetState {
  loadingFiles: string[];
}

export const initialDatasetState: DatasetState = { loadingFiles: [] };

export function reduceDataset(state: DatasetState, event: DatasetEvent): DatasetState {
  switch (event.type) {
    case 'loading':
      return { ...state, loadingFiles: event.fileNames };
    default:
      return assertNever(event.type, 'dataset event');
  }
}
