import { type AugmentParams, NO_AUGMENT } from './dataset.ts';
import type { ModelOptions } from './model.ts';
import { REFERENCE_TRAINING, type RunConfig, type TrainingParams } from './training.ts';

export type PresetId = 'reference' | 'quick-look' | 'demo';

/** A named, complete run configuration the Train step can start from. */
export interface Preset {
  id: PresetId;
  name: string;
  /** One sentence: what it is for and what it costs. */
  purpose: string;
  config: RunConfig;
}

const FLATTEN_256: ModelOptions['head'] = { pooling: 'flatten', dense: [256], dropout: 0.5 };

/**
 * The Keras notebook's run: VGG16 at 224 × 224, Flatten → Dense(256, ReLU) →
 * Dropout → sigmoid, SGD with momentum, batch 8, 8 epochs; augmentation by
 * rotation, zoom, horizontal flip and shifts; then the whole base fine-tuned
 * at a low learning rate. Its report gives no ranges or learning rates: those
 * are the usual Keras ImageDataGenerator example values and SGD rates.
 */
const REFERENCE: RunConfig = {
  model: { inputSize: 224, head: FLATTEN_256, unfreezeFromBlock: 1 },
  augment: {
    horizontalFlip: true,
    rotationRange: 20,
    zoomRange: 0.2,
    widthShift: 0.2,
    heightShift: 0.2,
    brightnessRange: [1, 1],
  },
  // The notebook's head phase, then 8 epochs fine-tuning the whole base ("Fine-Tuning the Model").
  training: { ...REFERENCE_TRAINING, fineTuneEpochs: 8 },
};

/**
 * Small images, no augmentation and head only at a higher rate: the frozen
 * base then runs once per image (the feature cache) and a run takes minutes.
 */
function headOnly(inputSize: number, batchSize: number, epochs: number): RunConfig {
  return {
    model: { inputSize, head: FLATTEN_256, unfreezeFromBlock: 5 },
    augment: NO_AUGMENT,
    training: { ...REFERENCE.training, batchSize, epochs, learningRate: 0.01, fineTuneEpochs: 0 },
  };
}

const QUICK_LOOK = headOnly(96, 32, 5);

/** The synthetic faces: 64 px, a head-only run of about a minute without a GPU. */
const DEMO = headOnly(64, 16, 6);

export const PRESETS: Record<PresetId, Preset> = {
  reference: {
    id: 'reference',
    name: 'Reference (Keras notebook)',
    purpose:
      'The notebook’s run: 224 × 224, batch 8, 8 epochs of SGD with momentum and augmentation, then the whole base fine-tuned at a low learning rate. It used 30,000 images (24,000 / 3,000 / 3,000): set "Limit images" to 30000. Needs a GPU.',
    config: REFERENCE,
  },
  'quick-look': {
    id: 'quick-look',
    name: 'Quick look',
    purpose:
      'A first run on a laptop: 96 × 96 images, no augmentation so base features are computed once and cached, head only.',
    config: QUICK_LOOK,
  },
  demo: {
    id: 'demo',
    name: 'Demo',
    purpose:
      'For the synthetic faces: 64 × 64, no augmentation, head only; about a minute without a GPU.',
    config: DEMO,
  },
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** The preset a newly loaded dataset calls for, or null to keep the one in force. */
export function presetForDataset(current: PresetId, synthetic: boolean): PresetId | null {
  if (synthetic) return current === 'demo' ? null : 'demo';
  return current === 'demo' ? 'reference' : null;
}

/** One setting of a run, as the forms name it. */
export interface ConfigField {
  key: string;
  label: string;
  read: (config: RunConfig) => unknown;
}

const training = (key: keyof TrainingParams, label: string): ConfigField => ({
  key,
  label,
  read: (c) => c.training[key],
});
const augment = (key: keyof AugmentParams, label: string): ConfigField => ({
  key,
  label,
  read: (c) => c.augment[key],
});

export const CONFIG_FIELDS: readonly ConfigField[] = [
  { key: 'inputSize', label: 'Image size', read: (c) => c.model.inputSize },
  { key: 'pooling', label: 'Pooling', read: (c) => c.model.head.pooling },
  { key: 'dense', label: 'Dense units', read: (c) => c.model.head.dense },
  { key: 'dropout', label: 'Dropout', read: (c) => c.model.head.dropout },
  {
    key: 'unfreezeFromBlock',
    label: 'Unfreeze from block',
    read: (c) => c.model.unfreezeFromBlock,
  },
  augment('horizontalFlip', 'Horizontal flip'),
  augment('rotationRange', 'Rotation range'),
  augment('zoomRange', 'Zoom range'),
  augment('widthShift', 'Width shift'),
  augment('heightShift', 'Height shift'),
  augment('brightnessRange', 'Brightness range'),
  training('optimizer', 'Optimizer'),
  training('batchSize', 'Batch size'),
  training('epochs', 'Epochs'),
  training('learningRate', 'Learning rate'),
  training('momentum', 'Momentum'),
  training('nesterov', 'Nesterov'),
  training('fineTuneEpochs', 'Fine-tune epochs'),
  training('fineTuneLearningRate', 'Fine-tune learning rate'),
  training('earlyStoppingPatience', 'Early stopping patience'),
  training('restoreBestWeights', 'Restore best weights'),
  training('seed', 'Random seed'),
];

/** Keys of the settings that differ from the preset's, in form order. */
export function changedFromPreset(config: RunConfig, preset: Preset): Set<string> {
  const changed = new Set<string>();
  for (const field of CONFIG_FIELDS) {
    if (JSON.stringify(field.read(config)) !== JSON.stringify(field.read(preset.config))) {
      changed.add(field.key);
    }
  }
  return changed;
}
