import {
  type AugmentParams,
  DEFAULT_AUGMENT,
  DEFAULT_SPLIT_OPTIONS,
  type SplitOptions,
} from '../../domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS, type ModelOptions } from '../../domain/model.ts';
import { REFERENCE_TRAINING, type TrainingParams } from '../../domain/training.ts';

/**
 * The user's choices across steps (split, augmentation, model, training).
 * Held on the page, edited by the forms, sent with the commands that need them.
 */
export interface SettingsState {
  split: SplitOptions;
  augment: AugmentParams;
  model: ModelOptions;
  training: TrainingParams;
}

export const initialSettings: SettingsState = {
  split: DEFAULT_SPLIT_OPTIONS,
  augment: DEFAULT_AUGMENT,
  model: DEFAULT_MODEL_OPTIONS,
  training: REFERENCE_TRAINING,
};
