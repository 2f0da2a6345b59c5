import JSZip from 'jszip';
import type { SplitName } from '../../domain/dataset.ts';
import { OFFICIAL_WEIGHTS_FILE } from '../../domain/model.ts';
import type { RunConfig } from '../../domain/training.ts';
import type { ImageRef } from '../dataset/types.ts';
import { jobReadme } from './readme.ts';

/** What a cluster job needs from the studio: the run, its split, and the files the user dropped. */
export interface ClusterJobInput {
  /** train.py's text (the worker bundles it; Node reads the file). */
  script: string;
  name: string;
  config: RunConfig;
  splits: Record<SplitName, readonly ImageRef[]>;
  classNames: [string, string];
  /** The files as dropped: the image zip (or folder) and the attribute file. */
  dataset: { images: string; labels: string; labelColumn: string };
  baseWeights: 'imagenet' | 'random';
}

/** config.json: the studio's run config, plus what train.py needs to name things like the studio. */
export interface ClusterJobConfig extends RunConfig {
  job: {
    name: string;
    classNames: [string, string];
    baseWeights: 'imagenet' | 'random';
    weightsFile: string;
    dataset: ClusterJobInput['dataset'];
  };
}

export const CLUSTER_JOB_FILES = [
  'train.py',
  'config.json',
  'train.csv',
  'validation.csv',
  'test.csv',
  'README.md',
] as const;

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One split as `image,label`: the image's base name and its class (0 or 1). */
export function splitCsv(refs: readonly ImageRef[]): string {
  const lines = ['image,label'];
  for (const ref of refs) lines.push(`${csvField(ref.name)},${ref.label}`);
  return `${lines.join('\n')}\n`;
}

export function clusterJobConfig(input: ClusterJobInput): ClusterJobConfig {
  return {
    ...input.config,
    job: {
      name: input.name,
      classNames: input.classNames,
      baseWeights: input.baseWeights,
      weightsFile: OFFICIAL_WEIGHTS_FILE,
      dataset: input.dataset,
    },
  };
}

/** A file name for the job's zip, from the run's name. */
export function clusterJobFileName(name: string): string {
  const base = name
    .replace(/[^\w.+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base === '' ? 'celeba' : base}-cluster-job.zip`;
}

/**
 * The run as a PyTorch job: train.py, config.json, the split as three CSVs
 * (so the cluster trains on exactly the studio's split) and a README with
 * the torchrun commands. Everything sits at the top of the zip.
 */
export async function buildClusterJob(input: ClusterJobInput): Promise<Uint8Array> {
  const zip = new JSZip();
  const options = { compression: 'DEFLATE' as const };
  zip.file('train.py', input.script, options);
  zip.file('config.json', `${JSON.stringify(clusterJobConfig(input), null, 2)}\n`, options);
  for (const split of ['train', 'validation', 'test'] as const) {
    zip.file(`${split}.csv`, splitCsv(input.splits[split]), options);
  }
  zip.file('README.md', jobReadme(input), options);
  return zip.generateAsync({ type: 'uint8array' });
}
