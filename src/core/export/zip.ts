import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import type { ModelMetadata } from '../../domain/export.ts';
import { captureArtifacts, fromModelFiles, SHARD_BYTES, toModelFiles } from './artifacts.ts';
import { parseMetadata } from './metadata.ts';

export interface LoadedModel {
  model: tf.LayersModel;
  metadata: ModelMetadata;
}

/**
 * The download: model.json, its weight shards and metadata.json at the top
 * of one zip, the layout `tf.loadLayersModel` and `tensorflowjs_converter`
 * read once unzipped. Weights are stored uncompressed: floats barely deflate.
 */
export async function buildModelZip(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  shardBytes = SHARD_BYTES,
): Promise<ArrayBuffer> {
  const files = toModelFiles(await captureArtifacts(model), shardBytes);
  const zip = new JSZip();
  zip.file('model.json', JSON.stringify(files.modelJson), { compression: 'DEFLATE' });
  for (const shard of files.shards) zip.file(shard.path, shard.bytes, { compression: 'STORE' });
  zip.file('metadata.json', JSON.stringify(metadata, null, 2), { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'arraybuffer' });
}

async function readJson(entry: JSZip.JSZipObject, file: string): Promise<unknown> {
  const text = await entry.async('string');
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: ${entry.name} is not valid JSON (${why}).`);
  }
}

/**
 * Reads an exported zip back: model.json (anywhere, if the zip was made
 * again around a folder), the shards it names beside it, and metadata.json.
 */
export async function readModelZip(
  bytes: ArrayBuffer | Uint8Array,
  file: string,
): Promise<{ artifacts: tf.io.ModelArtifacts; metadata: ModelMetadata }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file} is not a readable zip (${why}).`);
  }
  const modelEntry = zip.file(/(^|\/)model\.json$/)[0];
  if (!modelEntry) throw new Error(`${file} holds no model.json: is it a CelebA Studio export?`);
  const folder = modelEntry.name.slice(0, modelEntry.name.length - 'model.json'.length);
  const metadataEntry = zip.file(`${folder}metadata.json`);
  if (!metadataEntry) throw new Error(`${file} holds no metadata.json next to model.json.`);
  const metadata = parseMetadata(await readJson(metadataEntry, file), `${file}/metadata.json`);
  const modelJson = (await readJson(modelEntry, file)) as tf.io.ModelJSON;
  const artifacts = await fromModelFiles(
    modelJson,
    async (path) => {
      const shard = zip.file(`${folder}${path}`);
      if (!shard) throw new Error(`${file} lacks the weight file ${path} that model.json lists.`);
      return shard.async('arraybuffer');
    },
    file,
  );
  return { artifacts, metadata };
}

/** A model and its metadata from an exported zip, ready to predict. */
export async function loadModelZip(
  bytes: ArrayBuffer | Uint8Array,
  file: string,
): Promise<LoadedModel> {
  const { artifacts, metadata } = await readModelZip(bytes, file);
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  checkShape(model, metadata, file);
  return { model, metadata };
}

/** The model must take [null, s, s, 3] and give [null, 1], as metadata.json says. */
export function checkShape(model: tf.LayersModel, metadata: ModelMetadata, file: string): void {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  const s = metadata.inputSize;
  if (input[1] !== s || input[2] !== s || input[3] !== 3 || output[1] !== 1) {
    model.dispose();
    throw new Error(
      `${file}: the model takes [${input.join(', ')}] and gives [${output.join(', ')}], not [null, ${s}, ${s}, 3] → [null, 1] as metadata.json says.`,
    );
  }
}
