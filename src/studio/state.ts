import { assertNever, type StudioEvent } from '../protocol/index.ts';
import { type DatasetState, initialDatasetState, reduceDataset } from './slices/dataset.ts';
import { initialSystemState, reduceSystem, type SystemState } from './slices/system.ts';

export interface StudioState {
  system: SystemState;
  dataset: DatasetState;
}

export const initialState: StudioState = {
  system: initialSystemState,
  dataset: initialDatasetState,
};

/** One pure reducer per scope; the store calls this for every event from the worker. */
export function reduce(state: StudioState, event: StudioEvent): StudioState {
  switch (event.scope) {
    case 'system':
      return { ...state, system: reduceSystem(state.system, event) };
    case 'dataset':
      return { ...state, dataset: reduceDataset(state.dataset, event) };
    default:
      return assertNever(event, 'event');
  }
}
