import * as tf from '@tensorflow/tfjs';

/** tfjs's converter writes weights in shards of this many bytes; browsers fetch them in parallel. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/** model.json plus its weight files, as a folder or a zip holds them. */
export interface ModelFiles {
  modelJson: tf.io.ModelJSON;
  /** File name → bytes, in the order the manifest lists them. */
  shards: { path: string; bytes: ArrayBuffer }[];
}

/** The model's topology and weights, as `model.save()` would hand them to a file or a database. */
export async function captureArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!captured) throw new Error('tfjs handed no model artifacts to save');
  return captured;
}

/** Bytes one copy of the model takes: topology JSON plus weights. */
export function artifactsBytes(artifacts: tf.io.ModelArtifacts): number {
  const info = tf.io.getModelArtifactsInfoForJSON(artifacts);
  return (
    (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0)
  );
}

/** `group1-shard2of5.bin`, tfjs's own naming. */
export function shardName(index: number, count: number): string {
  return `group1-shard${index + 1}of${count}.bin`;
}

/**
 * model.json and its weight shards, split every `shardBytes` as tfjs's
 * converter does. One manifest group: tfjs concatenates a group's shards
 * before slicing the weights out, so a weight may straddle two shards.
 */
export function toModelFiles(
  artifacts: tf.io.ModelArtifacts,
  shardBytes = SHARD_BYTES,
): ModelFiles {
  if (!artifacts.weightSpecs || artifacts.weightData === undefined) {
    throw new Error('The model artifacts have no weights');
  }
  const data = new tf.io.CompositeArrayBuffer(artifacts.weightData);
  const count = Math.max(1, Math.ceil(data.byteLength / shardBytes));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: shardName(i, count),
    bytes: data.slice(i * shardBytes, Math.min(data.byteLength, (i + 1) * shardBytes)),
  }));
  const manifest: tf.io.WeightsManifestConfig = [
    { paths: shards.map((s) => s.path), weights: artifacts.weightSpecs },
  ];
  // The fields tfjs's own file writers put in model.json (undefined ones vanish in JSON).
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    trainingConfig: artifacts.trainingConfig,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    weightsManifest: manifest,
  };
  return { modelJson, shards };
}

/** Back from files to artifacts a tfjs loader accepts; `file` names the source in messages. */
export async function fromModelFiles(
  modelJson: tf.io.ModelJSON,
  readShard: (path: string) => Promise<ArrayBuffer>,
  file: string,
): Promise<tf.io.ModelArtifacts> {
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new Error(`${file}: model.json has no "modelTopology" or "weightsManifest".`);
  }
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const paths = manifest.flatMap((group) => group.paths);
    const buffers = await Promise.all(paths.map(readShard));
    return [tf.io.getWeightSpecs(manifest), buffers];
  });
}
