import { PRESETS, type PresetId } from '../../domain/presets.ts';
import {
  type AugmentParams,
  DEFAULT_SPLIT_OPTIONS,
  type SplitOptions,
} from '../../protocol/dataset.ts';
import type { ModelOptions } from '../../protocol/model.ts';
import type { TrainingParams } from '../../protocol/training.ts';

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
