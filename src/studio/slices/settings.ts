import {
  type AugmentParams,
  DEFAULT_SPLIT_OPTIONS,
  type SplitOptions,
} from '../../domain/dataset.ts';
import type { ModelOptions } from '../../domain/model.ts';
import { PRESETS, type PresetId } from '../../domain/presets.ts';
import type { TrainingParams } from '../../domain/training.ts';

/**
 * The user's choices across steps (split, augmentation, model, training).
 * Held on the page, edited by the forms, sent with the commands that need them.
 * `preset` names the preset the run settings started from; fields may differ from it.
 */
export interface SettingsState {
  split: SplitOptions;
  augment: AugmentParams;
  model: ModelOptions;
  training: TrainingParams;
  preset: PresetId;
}

export const initialSettings: SettingsState = {
  split: DEFAULT_SPLIT_OPTIONS,
  ...PRESETS.reference.config,
  preset: 'reference',
};
