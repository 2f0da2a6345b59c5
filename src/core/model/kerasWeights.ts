/// <reference path="./jsfive.d.ts" />
import * as tf from '@tensorflow/tfjs';
import * as hdf5 from 'jsfive';
import { checkWeights, type NamedWeights, sizeOf, type WeightArray } from './namedWeights.ts';

export type { NamedWeights, WeightArray } from './namedWeights.ts';

export interface ReadOptions {
  /** Names the file in messages. */
  fileName?: string;
  /** Called after each layer is read. */
  onProgress?: (layersDone: number, layers: number) => void;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function isHdf5(bytes: ArrayBuffer): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(8, bytes.byteLength));
  return head.length === 8 && HDF5_SIGNATURE.every((b, i) => head[i] === b);
}

/** jsfive throws strings; turn them into Errors that say where. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** h5py writes names as fixed-length byte strings, padded with NULs (or spaces). */
function cleanName(value: unknown): string {
  if (typeof value === 'string') return value.replace(/[\0 ]+$/, '');
  if (value instanceof Uint8Array) return new TextDecoder().decode(value).replace(/[\0 ]+$/, '');
  throw new Error(`expected a string, found ${typeof value}`);
}

/**
 * A list of names stored as an attribute. Keras splits one larger than
 * HDF5's 64 KB attribute limit into `name0`, `name1`, …
 */
function nameList(attrs: Record<string, unknown>, key: string): string[] | null {
  const whole = attrs[key];
  if (whole !== undefined) {
    const list = Array.isArray(whole) ? whole : [whole];
    return list.map(cleanName);
  }
  const parts: string[] = [];
  for (let i = 0; attrs[`${key}${i}`] !== undefined; i++) {
    const chunk = attrs[`${key}${i}`];
    for (const name of Array.isArray(chunk) ? chunk : [chunk]) parts.push(cleanName(name));
  }
  return parts.length > 0 ? parts : null;
}

function toFloat32(value: unknown, where: string): Float32Array {
  if (value instanceof Float32Array) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const out = new Float32Array((value as ArrayLike<unknown>).length);
    const source = value as ArrayLike<unknown>;
    for (let i = 0; i < out.length; i++) {
      const v = source[i];
      if (typeof v !== 'number') throw new Error(`${where} holds non-numeric values`);
      out[i] = v;
    }
    return out;
  }
  throw new Error(`${where} could not be read as numbers`);
}

function keysOf(group: hdf5.Group): string[] {
  try {
    return group.keys;
  } catch {
    return [];
  }
}

/** Where the per-layer groups live: the root (save_weights) or `model_weights` (model.save). */
function weightsRoot(file: hdf5.File, fileName: string): { root: hdf5.Group; layers: string[] } {
  const atRoot = nameList(file.attrs, 'layer_names');
  if (atRoot) return { root: file, layers: atRoot };
  if (keysOf(file).includes('model_weights')) {
    const group = file.get('model_weights');
    if (group instanceof hdf5.Group) {
      const layers = nameList(group.attrs, 'layer_names');
      if (layers) return { root: group, layers };
    }
  }
  const keys = keysOf(file);
  const keras3 = keys.includes('layers') || keys.includes('vars');
  throw new Error(
    keras3
      ? `${fileName} is in the Keras 3 ".weights.h5" layout, which is not supported: save the weights with Keras 2 (tf.keras) or use the official file`
      : `${fileName} is not a Keras weights file: it has no "layer_names" attribute at its root or under "model_weights"`,
  );
}

/**
 * Reads every layer's weights from a Keras HDF5 weights file: the official
 * `vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5` (datasets named like
 * `block1_conv1_W_1:0`) and the Keras 2 layout (`block1_conv1/kernel:0`),
 * from `save_weights` or from a whole-model `save`. Parses only: nothing is
 * checked against a model here.
 */
export async function readKerasWeights(
  bytes: ArrayBuffer,
  options: ReadOptions = {},
): Promise<NamedWeights> {
  const fileName = options.fileName ?? 'The weights file';
  if (!isHdf5(bytes)) {
    throw new Error(`${fileName} is not an HDF5 file (it does not start with the HDF5 signature)`);
  }
  let file: hdf5.File;
  try {
    file = new hdf5.File(bytes, fileName);
  } catch (error) {
    throw new Error(`${fileName} could not be read as HDF5: ${errorText(error)}`);
  }
  const { root, layers } = weightsRoot(file, fileName);
  const weights: NamedWeights = new Map();
  for (const [done, layer] of layers.entries()) {
    let group: hdf5.Group | hdf5.Dataset | null;
    try {
      group = root.get(layer);
    } catch (error) {
      throw new Error(
        `${fileName} lists layer ${layer} but has no group for it (${errorText(error)})`,
      );
    }
    if (!(group instanceof hdf5.Group)) {
      throw new Error(`${fileName}: ${layer} is not a group`);
    }
    const arrays: WeightArray[] = [];
    for (const name of nameList(group.attrs, 'weight_names') ?? []) {
      const where = `${fileName}: dataset ${layer}/${name}`;
      let dataset: hdf5.Group | hdf5.Dataset | null;
      try {
        dataset = group.get(name);
      } catch (error) {
        throw new Error(`${where} is missing (${errorText(error)})`);
      }
      if (!(dataset instanceof hdf5.Dataset)) throw new Error(`${where} is not a dataset`);
      let values: Float32Array;
      try {
        values = toFloat32(dataset.value, where);
      } catch (error) {
        throw new Error(`${where} could not be read: ${errorText(error)}`);
      }
      const shape = [...dataset.shape].map(Number);
      if (values.length !== sizeOf(shape)) {
        throw new Error(`${where} holds ${values.length} numbers for shape [${shape.join(', ')}]`);
      }
      arrays.push({ name, shape, values });
    }
    if (arrays.length > 0) weights.set(layer, arrays);
    options.onProgress?.(done + 1, layers.length);
  }
  return weights;
}

/** The shapes each layer of `model` with weights expects, in order. */
export function expectedShapes(model: tf.LayersModel): Map<string, number[][]> {
  const expected = new Map<string, number[][]>();
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    expected.set(
      layer.name,
      layer.weights.map((w) => w.shape.map((d) => d ?? -1)),
    );
  }
  return expected;
}

/**
 * Sets every layer of `model` that has weights from `weights`, by layer name.
 * All shapes are checked before anything is written, so a mismatch leaves
 * the model as it was; the error names the first mismatching layer.
 */
export function applyWeights(model: tf.LayersModel, weights: NamedWeights): void {
  checkWeights(expectedShapes(model), weights);
  tf.tidy(() => {
    for (const layer of model.layers) {
      const arrays = weights.get(layer.name);
      if (layer.weights.length === 0 || !arrays) continue;
      layer.setWeights(arrays.map((a) => tf.tensor(a.values, a.shape, 'float32')));
    }
  });
}

/** Reads a Keras HDF5 weights file and applies it to `model` (see {@link applyWeights}). */
export async function loadKerasWeights(
  model: tf.LayersModel,
  bytes: ArrayBuffer,
  options: ReadOptions = {},
): Promise<void> {
  applyWeights(model, await readKerasWeights(bytes, options));
}
