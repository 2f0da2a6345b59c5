import { assertNever } from '../domain/never.ts';
import type { StudioEvent } from '../protocol/index.ts';
import { type DatasetState, initialDatasetState, reduceDataset } from './slices/dataset.ts';
import {
  type EvaluationState,
  initialEvaluationState,
  reduceEvaluation,
} from './slices/evaluation.ts';
import { type ExportState, initialExportState, reduceExport } from './slices/export.ts';
import { initialModelState, type ModelState, reduceModel } from './slices/model.ts';
import { initialSettings, type SettingsState } from './slices/settings.ts';
import { initialSystemState, reduceSystem, type SystemState } from './slices/system.ts';
import { initialTrainingState, reduceTraining, type TrainingState } from './slices/training.ts';

export interface StudioState {
  system: SystemState;
  dataset: DatasetState;
  model: ModelState;
  training: TrainingState;
  evaluation: EvaluationState;
  export: ExportState;
  /** Page-side only: never changed by worker events. */
  settings: SettingsState;
}

export const initialState: StudioState = {
  system: initialSystemState,
  dataset: initialDatasetState,
  model: initialModelState,
  training: initialTrainingState,
  evaluation: initialEvaluationState,
  export: initialExportState,
  settings: initialSettings,
};

/** One pure reducer per scope; the store calls this for every event from the worker. */
export function reduce(state: StudioState, event: StudioEvent): StudioState {
  switch (event.scope) {
    case 'system':
      return { ...state, system: reduceSystem(state.system, event) };
    case 'dataset':
      return { ...state, dataset: reduceDataset(state.dataset, event) };
    case 'model':
      return { ...state, model: reduceModel(state.model, event) };
    case 'training': {
      const training = reduceTraining(state.training, event);
      // A new run's model has no test results yet.
      if (event.type === 'started')
        return { ...state, training, evaluation: initialEvaluationState };
      return { ...state, training };
    }
    case 'evaluation':
      return { ...state, evaluation: reduceEvaluation(state.evaluation, event) };
    case 'export':
      return { ...state, export: reduceExport(state.export, event) };
    default:
      return assertNever(event, 'event');
  }
}
