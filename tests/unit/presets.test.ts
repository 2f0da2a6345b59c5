import { describe, expect, it } from 'vitest';
import {
  isBaseLayerTrainable,
  vgg16Convs,
  vgg16ParamCount,
} from '../../src/core/model/architecture.ts';
import { augmentIsOff } from '../../src/core/training/plan.ts';
import { changedFromPreset, PRESETS, presetForDataset } from '../../src/domain/presets.ts';

/*
 * What the Keras notebook's report says, quoted, and what follows from it:
 *
 * "Found 24000 validated image filenames belonging to 2 classes." and
 * "Epoch 1/8 … 3000/3000 [====] - 173s 57ms/step": 24,000 images in 3,000 steps, batch 8;
 * 8 epochs ("Epoch 8/8").
 * "375/375 [====] - 18s" over "Found 3000 validated image filenames": batch 8 again.
 * "A binary cross-entropy loss function and SGD optimizer are used."
 * "A flat layer precedes dense layers with ReLU activation": Flatten → Dense(ReLU) → … sigmoid.
 * "block5_pool (MaxPooling2D) (None, 7, 7, 512)": a 224 × 224 input (224 / 2⁵ = 7).
 * "Trainable params: 14,714,688 / Non-trainable params: 0" under "Fine-Tuning the Model": the
 * whole base is fine-tuned, from block 1, for another 8 epochs ("Epoch 1/8" … "Epoch 8/8").
 * "augmentation methods, including rotation, zooming, and horizontal flipping": all three on.
 *
 * The report is silent on ranges, learning rates, momentum and dropout; the preset's values
 * there (Keras's ImageDataGenerator example ranges, SGD 0.001 with momentum 0.9, 0.0001 for
 * fine-tuning, Dropout 0.5) are written out below as choices, not as quotes.
 */
const TRAIN_IMAGES = 24_000;
const STEPS_PER_EPOCH = 3_000;
const EPOCHS = 8;
const POOL_SIDE = 7;
const POOLINGS = 5;
const BASE_PARAMS = 14_714_688;

describe('the Reference (Keras notebook) preset', () => {
  const { model, augment, training } = PRESETS.reference.config;

  it('has the settings the report states, field by field', () => {
    expect(model.inputSize).toBe(POOL_SIDE * 2 ** POOLINGS);
    expect(training.batchSize).toBe(TRAIN_IMAGES / STEPS_PER_EPOCH);
    expect(training.epochs).toBe(EPOCHS);
    expect(training.optimizer).toBe('sgd');
    expect(model.head.pooling).toBe('flatten');
    expect(model.head.dense).toEqual([256]);
    expect(model.head.dropout).toBeGreaterThan(0);
    expect(training.fineTuneEpochs).toBe(EPOCHS);
    expect(model.unfreezeFromBlock).toBe(1);
    expect(augment.horizontalFlip).toBe(true);
    expect(augment.rotationRange).toBeGreaterThan(0);
    expect(augment.zoomRange).toBeGreaterThan(0);
  });

  it('is exactly this config, the report’s values and the stated choices', () => {
    expect(PRESETS.reference.config).toEqual({
      model: {
        inputSize: 224,
        head: { pooling: 'flatten', dense: [256], dropout: 0.5 },
        unfreezeFromBlock: 1,
      },
      augment: {
        horizontalFlip: true,
        rotationRange: 20,
        zoomRange: 0.2,
        widthShift: 0.2,
        heightShift: 0.2,
        brightnessRange: [1, 1],
      },
      training: {
        optimizer: 'sgd',
        batchSize: 8,
        epochs: 8,
        learningRate: 0.001,
        momentum: 0.9,
        nesterov: false,
        fineTuneEpochs: 8,
        fineTuneLearningRate: 0.0001,
        earlyStoppingPatience: 0,
        restoreBestWeights: true,
        seed: 42,
      },
    });
    // "a low learning rate" for fine-tuning: below the head's.
    expect(training.fineTuneLearningRate).toBeLessThan(training.learningRate);
  });

  it('fine-tunes all of the base’s 14,714,688 parameters, as the report’s summary shows', () => {
    const trainable = vgg16Convs()
      .filter((c) => isBaseLayerTrainable(c.name, model.unfreezeFromBlock))
      .reduce((sum, c) => sum + 9 * c.inChannels * c.filters + c.filters, 0);
    expect(vgg16ParamCount()).toBe(BASE_PARAMS);
    expect(trainable).toBe(BASE_PARAMS);
  });
});

describe('the other presets', () => {
  it('Quick look and Demo cache features: augmentation off, head only, small images', () => {
    for (const preset of [PRESETS['quick-look'], PRESETS.demo]) {
      expect(augmentIsOff(preset.config)).toBe(true);
      expect(preset.config.training.fineTuneEpochs).toBe(0);
      expect(preset.config.model.inputSize).toBeLessThan(PRESETS.reference.config.model.inputSize);
    }
  });

  it('Demo keeps the settings the demo has used: 64 px, batch 16, lr 0.01, 6 epochs', () => {
    const { model, training } = PRESETS.demo.config;
    expect([model.inputSize, training.batchSize, training.learningRate, training.epochs]).toEqual([
      64, 16, 0.01, 6,
    ]);
  });
});

describe('switching and marking', () => {
  it('the demo dataset calls for Demo; a real one after Demo calls for the Reference', () => {
    expect(presetForDataset('reference', true)).toBe('demo');
    expect(presetForDataset('demo', true)).toBeNull();
    expect(presetForDataset('demo', false)).toBe('reference');
    // A preset chosen by hand stays when a real dataset is loaded.
    expect(presetForDataset('quick-look', false)).toBeNull();
    expect(presetForDataset('reference', false)).toBeNull();
  });

  it('names exactly the settings that differ from the preset', () => {
    const reference = PRESETS.reference;
    expect(changedFromPreset(reference.config, reference).size).toBe(0);
    const config = structuredClone(reference.config);
    config.training.batchSize = 16;
    config.augment.brightnessRange = [0.8, 1.2];
    config.model.head.dense = [256, 64];
    expect([...changedFromPreset(config, reference)]).toEqual([
      'dense',
      'brightnessRange',
      'batchSize',
    ]);
  });
});
