import { buildDataset, type IndexedFiles } from '../core/dataset/build.ts';
import type { Progress } from '../core/dataset/files.ts';
import { loadDataset } from '../core/dataset/load.ts';
import { makeSamples, withSkipped } from '../core/dataset/samples.ts';
import type { LoadedDataset } from '../core/dataset/types.ts';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
} from '../core/sample/generate.ts';
import {
  type AugmentParams,
  DEFAULT_AUGMENT,
  DEFAULT_SPLIT_OPTIONS,
  type SplitOptions,
} from '../domain/dataset.ts';
import { assertNever } from '../domain/never.ts';
import type { DatasetCommand } from '../protocol/dataset.ts';
import { workerDecoder } from './decode.ts';
import { canEncodeWithCanvas, canvasJpegEncode } from './encode.ts';
import { errorMessage, post } from './port.ts';
import { session } from './session.ts';

/** How many sample images the page shows. */
const SAMPLE_COUNT = 8;
/** The demo's images are drawn from this seed, so a run on the demo can be resumed. */
const DEMO_SEED = 1;

/** The files as read, so a new mapping or split needs no second pass over the zip. */
let indexed: IndexedFiles | null = null;
/** Entries already counted as skipped, so decoding them again does not count them twice. */
const counted = new Set<string>();

const progress: Progress = (stage, done, total) =>
  post({ scope: 'dataset', type: 'progress', stage, done, total });

function postSummary(dataset: LoadedDataset): void {
  post({ scope: 'dataset', type: 'summary', summary: dataset.summary });
}

/** Skipped entries met anywhere (samples, training) join the summary's problems. */
export function reportSkipped(skipped: { name: string; reason: string }[]): void {
  const dataset = session.dataset;
  const fresh = skipped.filter((s) => !counted.has(s.name));
  if (!dataset || fresh.length === 0) return;
  for (const s of fresh) counted.add(s.name);
  dataset.summary = {
    ...dataset.summary,
    problems: withSkipped(dataset.summary.problems, fresh, dataset.summary.zipFile.name),
  };
  postSummary(dataset);
}

async function sendSamples(augment: AugmentParams, count: number, seed: number): Promise<void> {
  const dataset = session.dataset;
  if (!dataset) throw new Error('Load a dataset first: there are no images to preview.');
  const { samples, augmented, skipped } = await makeSamples(
    dataset,
    workerDecoder,
    augment,
    count,
    seed,
  );
  const transfer = [...samples, ...augmented].map((s) => s.image.data.buffer);
  post({ scope: 'dataset', type: 'samples', samples, augmented }, transfer);
  reportSkipped(skipped);
}

async function publish(dataset: LoadedDataset, augment: AugmentParams): Promise<void> {
  session.dataset = dataset;
  postSummary(dataset);
  await sendSamples(augment, SAMPLE_COUNT, 1);
}

async function loadDemo(count: number, options: SplitOptions, augment: AugmentParams) {
  const sample = await generateSample({
    count,
    seed: DEMO_SEED,
    onProgress: progress,
    ...(canEncodeWithCanvas ? { encode: canvasJpegEncode } : {}),
  });
  const files = [
    new File([sample.zip as Uint8Array<ArrayBuffer>], SAMPLE_ZIP_NAME),
    new File([sample.attributesCsv], SAMPLE_ATTRIBUTES_NAME),
    new File([sample.partitionCsv], SAMPLE_PARTITION_NAME),
  ];
  const loaded = await loadDataset(files, options, progress, { synthetic: true });
  indexed = loaded.indexed;
  counted.clear();
  session.demo = { count, seed: DEMO_SEED };
  await publish(loaded.dataset, augment);
}

function isDemoParams(value: unknown): value is { count: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { count?: unknown }).count === 'number'
  );
}

session.restoreDemo = async (demo) => {
  if (!isDemoParams(demo)) throw new Error('The saved run names no demo dataset to rebuild.');
  await loadDemo(demo.count, DEFAULT_SPLIT_OPTIONS, DEFAULT_AUGMENT);
};

async function run(cmd: DatasetCommand): Promise<void> {
  switch (cmd.type) {
    case 'load': {
      const loaded = await loadDataset(cmd.files, cmd.options, progress);
      indexed = loaded.indexed;
      counted.clear();
      session.demo = null;
      await publish(loaded.dataset, cmd.augment);
      return;
    }
    case 'use-demo':
      return loadDemo(cmd.count, cmd.options, cmd.augment);
    case 'configure':
      if (!indexed)
        throw new Error('Load a dataset first: there is nothing to re-map or re-split.');
      await publish(buildDataset(indexed, cmd.mapping, cmd.options), cmd.augment);
      return;
    case 'preview':
      return sendSamples(cmd.augment, cmd.count, cmd.seed);
    default:
      assertNever(cmd, 'dataset command');
  }
}

/** Every dataset failure becomes a 'failed' event the step shows; the worker stays usable. */
export async function handleDataset(cmd: DatasetCommand): Promise<void> {
  try {
    await run(cmd);
  } catch (error) {
    post({ scope: 'dataset', type: 'failed', message: errorMessage(error) });
  }
}
