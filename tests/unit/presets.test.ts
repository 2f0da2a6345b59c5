import { describe, expect, it } from 'vitest';
import { trainableBaseParamCount, vgg16ParamCount } from '../../src/core/model/architecture.ts';
import { augmentIsOff } from '../../src/core/training/plan.ts';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { changedFromPreset, PRESETS, presetForDataset } from '../../src/domain/presets.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';

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
 * fine-tuning, Dropout 0.5) come from the studio's defaults, checked below as such.
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

  it('takes the studio’s reference training and the Keras example augmentation for the rest', () => {
    expect(training).toEqual({ ...REFERENCE_TRAINING, fineTuneEpochs: EPOCHS });
    // "a low learning rate" for fine-tuning: below the head's.
    expect(training.fineTuneLearningRate).toBeLessThan(training.learningRate);
    // The studio's default augmentation (rotation, zoom, flip), plus the example's shifts.
    expect({ ...augment, widthShift: 0, heightShift: 0 }).toEqual(DEFAULT_AUGMENT);
    expect(augment.widthShift).toBeGreaterThan(0);
    expect(augment.heightShift).toBeGreaterThan(0);
    expect(model.head.dropout).toBeGreaterThan(0);
    expect(model.head.dropout).toBeLessThan(1);
  });

  it('fine-tunes all of the base’s 14,714,688 parameters, as the report’s summary shows', () => {
    const trainable = trainableBaseParamCount(model.unfreezeFromBlock);
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
