import * as tf from '@tensorflow/tfjs';
import type { ModelMetadata, SavedModelInfo } from '../domain/export.ts';
import {
  deleteModelRecord,
  getModelRecord,
  listModelRecords,
  modelNotSavedError,
  putModelRecord,
  tfjsModelStored,
} from './models.ts';

/*
 * Models saved in this browser: weights through tfjs's own `indexeddb://`
 * scheme (any tfjs app can load them), metadata in the studio's records.
 */

const SCHEME = 'indexeddb://';
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The browser dropped a committed save: say whether the quota explains it. */
async function whyNotStored(sizeBytes: number): Promise<Error> {
  const estimate = await navigator.storage?.estimate().catch(() => null);
  const free = estimate?.quota !== undefined ? estimate.quota - (estimate.usage ?? 0) : null;
  if (free !== null && free < sizeBytes) {
    return new DOMException(
      `the model needs ${megabytes(sizeBytes)}, ${megabytes(Math.max(0, free))} are free`,
      'QuotaExceededError',
    );
  }
  // Storage estimates are coarse on purpose (and blind to some quotas): name the usual causes.
  return new Error(
    'the browser dropped the weights as it committed them, which it does when the storage quota is full or the disk fails',
  );
}

const removeWeights = (name: string) =>
  tf.io.removeModel(`${SCHEME}${name}`).catch(() => undefined);

/** Saves weights and metadata together, checking the browser really kept them. */
export async function saveModel(
  model: tf.LayersModel,
  name: string,
  metadata: ModelMetadata,
): Promise<void> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
    const info = (await model.save(`${SCHEME}${name}`)).modelArtifactsInfo;
    const sizeBytes =
      (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0);
    if (!(await tfjsModelStored(name))) {
      await removeWeights(name);
      throw await whyNotStored(sizeBytes);
    }
    try {
      await putModelRecord({ name, savedAt: Date.now(), sizeBytes, metadata });
    } catch (error) {
      // Weights without metadata would be a model the studio cannot describe: take them back out.
      await removeWeights(name);
      throw error;
    }
  } catch (error) {
    throw modelNotSavedError(error);
  }
}

/** The "Saved models" list; tfjs's own store is the truth for weights. */
export async function listSavedModels(): Promise<SavedModelInfo[]> {
  const records = await listModelRecords();
  const stored = await tf.io.listModels().catch(() => ({}) as Record<string, unknown>);
  return records.map((r) => ({
    name: r.name,
    savedAt: r.savedAt,
    sizeBytes: r.sizeBytes,
    testAccuracy: r.metadata.test?.accuracy ?? null,
    inputSize: r.metadata.inputSize,
    missing: !(`${SCHEME}${r.name}` in stored),
  }));
}

export async function loadSavedModel(
  name: string,
): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
  const record = await getModelRecord(name);
  if (!record) throw new Error(`No saved model is called “${name}”.`);
  try {
    return { model: await tf.loadLayersModel(`${SCHEME}${name}`), metadata: record.metadata };
  } catch (error) {
    throw new Error(
      `The weights of “${name}” could not be read from browser storage (${errorText(error)}).`,
    );
  }
}

export async function deleteSavedModel(name: string): Promise<void> {
  await removeWeights(name);
  await deleteModelRecord(name);
}
