import type { RunConfig } from '../../domain/training.ts';
import type { LoadedDataset } from '../dataset/types.ts';
import { buildClusterJob, clusterJobFileName } from './job.ts';
import { TRAIN_SCRIPT } from './script.ts';

/**
 * The cluster job for `config` on the loaded dataset's split, named after
 * the files the user dropped, with the base the studio would start from.
 */
export async function clusterJobFor(
  dataset: LoadedDataset | null,
  imagenet: boolean,
  config: RunConfig,
  name: string,
): Promise<{ fileName: string; bytes: ArrayBuffer }> {
  if (!dataset) {
    throw new Error('Load a dataset first (Dataset step): the job trains on its split.');
  }
  const { summary } = dataset;
  const bytes = await buildClusterJob({
    script: TRAIN_SCRIPT,
    name,
    config,
    splits: dataset.splits,
    classNames: dataset.classNames,
    dataset: {
      images: summary.zipFile.name,
      labels: summary.labelFile.name,
      labelColumn: summary.mapping.labelColumn,
    },
    baseWeights: imagenet ? 'imagenet' : 'random',
  });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { fileName: clusterJobFileName(name), bytes: buffer as ArrayBuffer };
}
