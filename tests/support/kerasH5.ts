import h5wasm from 'h5wasm/node';
import { VGG16_BLOCKS, vgg16Convs } from '../../src/core/model/architecture.ts';
import type { NamedWeights } from '../../src/core/model/namedWeights.ts';
import { seededRandom } from '../../src/core/random.ts';

/**
 * Writes Keras HDF5 weight files the way h5py does (superblock v0, names as
 * fixed-length ASCII strings padded with NULs, float32 datasets, empty
 * `weight_names` for layers without weights), in two layouts:
 * - official: the notop file, `block1_conv1/block1_conv1_W_1:0`;
 * - keras2: re-saved by Keras 2, `block1_conv1/block1_conv1/kernel:0`.
 */
export type KerasLayout = 'official' | 'keras2';

export const VGG16_LAYER_NAMES: string[] = [
  'input_1',
  ...VGG16_BLOCKS.flatMap((filters, b) => [
    ...filters.map((_, c) => `block${b + 1}_conv${c + 1}`),
    `block${b + 1}_pool`,
  ]),
];

function fixedStrings(values: string[]): { dtype: string; shape: number[] } {
  const size = Math.max(1, ...values.map((v) => v.length));
  return { dtype: `A${size}`, shape: [values.length] };
}

export function weightName(layer: string, index: number, layout: KerasLayout): string {
  if (layout === 'official') return `${layer}_${index === 0 ? 'W' : 'b'}_1:0`;
  return `${layer}/${index === 0 ? 'kernel' : 'bias'}:0`;
}

/** VGG16 weights from `fill(layer, index, size)`, named as `layout` names them. */
export function vgg16Weights(
  layout: KerasLayout,
  fill: (layer: string, index: number, size: number) => Float32Array,
): NamedWeights {
  const weights: NamedWeights = new Map();
  for (const conv of vgg16Convs()) {
    const shapes = [[3, 3, conv.inChannels, conv.filters], [conv.filters]];
    weights.set(
      conv.name,
      shapes.map((shape, i) => ({
        name: weightName(conv.name, i, layout),
        shape,
        values: fill(
          conv.name,
          i,
          shape.reduce((p, d) => p * d, 1),
        ),
      })),
    );
  }
  return weights;
}

export interface WriteOptions {
  /** 'model_weights' writes the layout of a whole-model `model.save()`. */
  under?: 'model_weights';
  /** h5py's default is the earliest format (superblock 0); 'latest' writes superblock 2+. */
  format?: 'earliest' | 'latest';
  /** Byte datasets at the file's root, as the cluster job's `studio_run` record. */
  rootBytes?: Record<string, Uint8Array>;
}

export async function writeKerasH5(
  path: string,
  layerNames: string[],
  weights: NamedWeights,
  options: WriteOptions = {},
): Promise<void> {
  await h5wasm.ready;
  const low = options.format === 'latest' ? 'latest' : 'earliest';
  const file = new h5wasm.File(path, 'w', { libver: [low, 'latest'] });
  try {
    for (const [name, bytes] of Object.entries(options.rootBytes ?? {})) {
      file.create_dataset({ name, data: bytes, shape: [bytes.length], dtype: '<B' });
    }
    const root = options.under ? file.create_group(options.under) : file;
    const names = fixedStrings(layerNames);
    root.create_attribute('layer_names', layerNames, names.shape, names.dtype);
    root.create_attribute('backend', 'tensorflow', null, 'A10');
    root.create_attribute('keras_version', '2.2.4', null, 'A5');
    for (const layer of layerNames) {
      const group = root.create_group(layer);
      const arrays = weights.get(layer) ?? [];
      if (arrays.length === 0) {
        // Keras stores an empty float array when a layer has no weights.
        group.create_attribute('weight_names', new Float64Array(0), [0], '<d');
        continue;
      }
      const list = fixedStrings(arrays.map((a) => a.name));
      group.create_attribute(
        'weight_names',
        arrays.map((a) => a.name),
        list.shape,
        list.dtype,
      );
      for (const array of arrays) {
        // Keras 2 names hold a slash: h5py makes the intermediate group.
        const slash = array.name.lastIndexOf('/');
        if (slash > 0) {
          const sub = array.name.slice(0, slash);
          if (!group.keys().includes(sub)) group.create_group(sub);
        }
        group.create_dataset({
          name: array.name,
          data: array.values,
          shape: array.shape,
          dtype: '<f',
        });
      }
    }
  } finally {
    file.close();
  }
}

/** Seeded so test weights are reproducible. */
export const seededUniform = seededRandom;
