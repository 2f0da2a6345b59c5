import * as tf from '@tensorflow/tfjs';
import type { BlockNumber, HeadOptions, ModelOptions } from '../../domain/model.ts';
import {
  headLayerNames,
  isBaseLayerTrainable,
  VGG16_OUTPUT_CHANNELS,
  VGG16_STRIDE,
} from './architecture.ts';
import { applySymbolic, glorot } from './symbolic.ts';
import { buildVgg16 } from './vgg16.ts';

/**
 * VGG16 base and classification head. `head` and `full` share the very same
 * layer objects: training `head` on cached base features and training `full`
 * end to end update the same weights.
 */
export interface Classifier {
  /** VGG16 without its top: [null, s, s, 3] → [null, s/32, s/32, 512]. */
  base: tf.LayersModel;
  /** Base features → probability of class 1: [null, s/32, s/32, 512] → [null, 1]. */
  head: tf.LayersModel;
  /** head(base(input)): [null, s, s, 3] → [null, 1]. */
  full: tf.LayersModel;
  /** Frees every weight once. Call this, not dispose() on the three models. */
  dispose(): void;
}

/** Seeds for the head start after the 13 base layers' seeds. */
const HEAD_SEED_OFFSET = 100;

function headLayers(head: HeadOptions, seed: number | undefined): tf.layers.Layer[] {
  const names = headLayerNames(head);
  const layers: tf.layers.Layer[] = [
    head.pooling === 'flatten'
      ? tf.layers.flatten({ name: names.pooling })
      : tf.layers.globalAveragePooling2d({ name: names.pooling }),
  ];
  let index = HEAD_SEED_OFFSET;
  head.dense.forEach((units, i) => {
    layers.push(
      tf.layers.dense({
        name: names.dense[i],
        units,
        activation: 'relu',
        kernelInitializer: glorot(seed, index++),
      }),
    );
  });
  layers.push(
    tf.layers.dropout({
      name: names.dropout,
      rate: head.dropout,
      ...(seed === undefined ? {} : { seed }),
    }),
  );
  layers.push(
    tf.layers.dense({
      name: names.output,
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: glorot(seed, index++),
    }),
  );
  return layers;
}

function chain(layers: tf.layers.Layer[], input: tf.SymbolicTensor): tf.SymbolicTensor {
  return layers.reduce((x, layer) => applySymbolic(layer, x), input);
}

/**
 * Builds base + head at `options.inputSize`, base frozen (phase 1). With a
 * seed, every initialiser and the dropout mask are seeded.
 */
export function buildClassifier(options: ModelOptions, seed?: number): Classifier {
  const base = buildVgg16(
    seed === undefined ? { inputSize: options.inputSize } : { inputSize: options.inputSize, seed },
  );
  const baseOutput = base.outputs[0];
  if (!baseOutput) throw new Error('VGG16 has no output');
  const layers = headLayers(options.head, seed);
  const side = options.inputSize / VGG16_STRIDE;
  const features = tf.input({ shape: [side, side, VGG16_OUTPUT_CHANNELS], name: 'features' });
  const head = tf.model({ inputs: features, outputs: chain(layers, features), name: 'head' });
  const full = tf.model({
    inputs: base.inputs,
    outputs: chain(layers, baseOutput),
    name: 'classifier',
  });
  let disposed = false;
  const classifier: Classifier = {
    base,
    head,
    full,
    dispose() {
      if (disposed) return;
      disposed = true;
      // `full` holds the base layers once and the head layers once more than
      // `head` does; disposing both brings every layer's count to zero. The
      // base container holds no weights of its own.
      full.dispose();
      head.dispose();
    },
  };
  setTrainableBlocks(classifier, null);
  return classifier;
}

/**
 * Phase 1 (`fromBlock` null) freezes the whole base; n unfreezes blocks n..5
 * (1: the whole base). The head always trains. tfjs collects trainable
 * weights when a model is compiled, so compile again (or make a new
 * optimizer over the new trainable variables) after calling this.
 */
export function setTrainableBlocks(classifier: Classifier, fromBlock: BlockNumber | null): void {
  for (const layer of classifier.base.layers) {
    layer.trainable = isBaseLayerTrainable(layer.name, fromBlock);
  }
}
