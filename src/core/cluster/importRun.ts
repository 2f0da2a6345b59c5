/// <reference path="../model/jsfive.d.ts" />
import type * as tf from '@tensorflow/tfjs';
import * as hdf5 from 'jsfive';
import JSZip from 'jszip';
import type { EpochLog, RunConfig, RunRecord } from '../../domain/training.ts';
import { buildMetadata } from '../export/metadata.ts';
import type { LoadedModel } from '../export/zip.ts';
import { buildClassifier } from '../model/classifier.ts';
import { applyWeights, readKerasWeights } from '../model/kerasWeights.ts';
import type { NamedWeights } from '../model/namedWeights.ts';

/** What train.py stores beside the weights in model.h5 (the `studio_run` dataset). */
export interface ClusterRunRecord {
  format: 'celeba-studio-cluster-run';
  formatVersion: 1;
  name: string;
  config: RunConfig;
  classNames: [string, string];
  history: EpochLog[];
  test: {
    count: number;
    loss: number;
    accuracy: number;
    threshold: number;
    confusion: [[number, number], [number, number]];
  } | null;
  baseWeights: string;
  trainedWith: {
    engine: string;
    torch: string;
    processes: number;
    device: string;
    amp: boolean;
    seconds: number;
  };
}

/** A model trained outside the browser, ready to use, and its run for the Runs table. */
export interface ImportedRun extends LoadedModel {
  run: RunRecord;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46];
const ZIP_SIGNATURE = [0x50, 0x4b];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);

export const isHdf5Bytes = (bytes: Uint8Array) => startsWith(bytes, HDF5_SIGNATURE);

/** model.h5 itself, or a zip of the results folder that holds it. */
export async function findModelH5(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  if (isHdf5Bytes(bytes)) return { bytes, fileName };
  if (!startsWith(bytes, ZIP_SIGNATURE)) return null;
  const zip = await JSZip.loadAsync(bytes).catch(() => null);
  const entry = zip?.file(/(^|\/)model\.h5$/)[0];
  if (!entry) return null;
  return { bytes: await entry.async('uint8array'), fileName: `${fileName}/${entry.name}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The run record train.py wrote, or null when the file has none (a foreign Keras file). */
export function readClusterRecord(bytes: Uint8Array, fileName: string): ClusterRunRecord | null {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const file = new hdf5.File(buffer as ArrayBuffer, fileName);
  if (!file.keys.includes('studio_run')) return null;
  const dataset = file.get('studio_run');
  if (!(dataset instanceof hdf5.Dataset)) return null;
  const text = new TextDecoder().decode(Uint8Array.from(dataset.value as ArrayLike<number>));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: its studio_run record is not valid JSON (${String(error)}).`);
  }
  if (!isObject(value) || value.format !== 'celeba-studio-cluster-run') {
    throw new Error(`${fileName}: its studio_run record is not a CelebA Studio cluster run.`);
  }
  const config = value.config;
  if (!isObject(config) || !isObject(config.model) || !isObject(config.training)) {
    throw new Error(`${fileName}: its studio_run record has no run config.`);
  }
  return value as unknown as ClusterRunRecord;
}

/** The run config of a file without a record: the studio's defaults, so a check names what differs. */
function fallbackConfig(defaults: RunConfig, weights: NamedWeights): RunConfig {
  const dense = weights.get('dense')?.[0]?.shape;
  const features = dense?.[0];
  // A Flatten head on s×s×512 features tells the input size.
  const side = features === undefined ? 0 : Math.round(Math.sqrt(features / 512));
  const inputSize =
    side >= 1 && side * side * 512 === features ? side * 32 : defaults.model.inputSize;
  return { ...defaults, model: { ...defaults.model, inputSize } };
}

function runRecord(record: ClusterRunRecord, fileName: string): RunRecord {
  return {
    id: `cluster-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: record.name,
    createdAt: Date.now(),
    config: record.config,
    history: record.history,
    test: null,
    backend: 'cpu',
    seconds: record.trainedWith.seconds,
    status: 'finished',
    randomWeights: record.baseWeights === 'random',
    synthetic: false,
    outside: {
      engine: record.trainedWith.engine,
      processes: record.trainedWith.processes,
      device: record.trainedWith.device,
      file: fileName,
      testAccuracy: record.test?.accuracy ?? null,
    },
  };
}

/**
 * Reads a model.h5 written by the cluster job (or a zip of its results
 * folder) into the studio's model: the run config it carries builds the
 * same VGG16 + head, and every layer's weights are checked by name and
 * shape first, so a wrong file is refused naming the layer that differs.
 * `defaults` stands in for a file without a run record.
 */
export async function importClusterModel(
  bytes: Uint8Array,
  fileName: string,
  defaults: RunConfig,
): Promise<ImportedRun> {
  const found = await findModelH5(bytes, fileName);
  if (!found) {
    throw new Error(`${fileName} is neither a model.h5 nor a zip that holds one.`);
  }
  const buffer = found.bytes.buffer.slice(
    found.bytes.byteOffset,
    found.bytes.byteOffset + found.bytes.byteLength,
  ) as ArrayBuffer;
  const weights = await readKerasWeights(buffer, { fileName: found.fileName });
  const record = readClusterRecord(found.bytes, found.fileName);
  const config = record?.config ?? fallbackConfig(defaults, weights);
  const classifier = buildClassifier(config.model);
  try {
    applyWeights(classifier.full, weights);
  } catch (error) {
    classifier.dispose();
    const why = error instanceof Error ? error.message : String(error);
    const what = record
      ? 'does not fit the run it describes'
      : 'is not a model saved by the cluster job (it has no studio_run record)';
    throw new Error(`${found.fileName} ${what}: ${why}.`);
  }
  if (!record) {
    classifier.dispose();
    throw new Error(
      `${found.fileName} has the studio's layers but no studio_run record: save it with the cluster job's train.py.`,
    );
  }
  // Only `full` is kept: dropping `head` now leaves full.dispose() to free every weight.
  classifier.head.dispose();
  const model: tf.LayersModel = classifier.full;
  const metadata = buildMetadata({
    name: record.name,
    runId: null,
    exportedAt: new Date(),
    classNames: record.classNames,
    inputSize: config.model.inputSize,
    threshold: record.test?.threshold ?? 0.5,
    config,
    history: record.history,
    test: null,
    backend: null,
    randomWeights: record.baseWeights === 'random',
    dataset: null,
  });
  const run = runRecord(record, fileName);
  return { model, metadata: { ...metadata, runId: run.id }, run };
}
