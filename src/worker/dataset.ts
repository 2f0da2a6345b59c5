import { buildDataset } from '../core/dataset/build.ts';
import { type DemoParams, isDemoParams } from '../core/dataset/current.ts';
import type { Progress } from '../core/dataset/files.ts';
import { loadDataset } from '../core/dataset/load.ts';
import { makeSamples } from '../core/dataset/samples.ts';
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
import { canEncodeWithCanvas, canvasJpegEncode } from './encode.ts';
import { errorMessage } from './port.ts';
import type { Session } from './session.ts';

/** How many sample images the page shows. */
const SAMPLE_COUNT = 8;
/** The demo's images are drawn from this seed, so a run on the demo can be resumed. */
const DEMO_SEED = 1;

const progressOf =
  (session: Session): Progress =>
  (stage, done, total) =>
    session.post({ scope: 'dataset', type: 'progress', stage, done, total });

async function sendSamples(session: Session, augment: AugmentParams, count: number, seed: number) {
  const dataset = session.data.dataset;
  if (!dataset) throw new Error('Load a dataset first: there are no images to preview.');
  const decoder = session.platform.decoder;
  const made = await makeSamples(dataset, decoder, augment, count, seed);
  const { samples, augmented } = made;
  const transfer = [...samples, ...augmented].map((s) => s.image.data.buffer);
  session.post({ scope: 'dataset', type: 'samples', samples, augmented }, transfer);
  session.reportSkipped(made.skipped);
}

async function publish(session: Session, dataset: LoadedDataset, augment: AugmentParams) {
  session.data.dataset = dataset;
  session.post({ scope: 'dataset', type: 'summary', summary: dataset.summary });
  await sendSamples(session, augment, SAMPLE_COUNT, 1);
}

async function loadDemo(
  session: Session,
  demo: DemoParams,
  options: SplitOptions,
  augment: AugmentParams,
) {
  const progress = progressOf(session);
  const sample = await generateSample({
    ...demo,
    onProgress: progress,
    ...(canEncodeWithCanvas ? { encode: canvasJpegEncode } : {}),
  });
  const files = [
    new File([sample.zip as Uint8Array<ArrayBuffer>], SAMPLE_ZIP_NAME),
    new File([sample.attributesCsv], SAMPLE_ATTRIBUTES_NAME),
    new File([sample.partitionCsv], SAMPLE_PARTITION_NAME),
  ];
  const loaded = await loadDataset(files, options, progress, { synthetic: true });
  session.data.replace(loaded.indexed, demo);
  await publish(session, loaded.dataset, augment);
}

/** Rebuilds the demo dataset a run was training on, so it can resume after a reload. */
export async function restoreDemo(session: Session, demo: unknown): Promise<void> {
  if (!isDemoParams(demo)) throw new Error('The saved run names no demo dataset to rebuild.');
  await loadDemo(session, demo, DEFAULT_SPLIT_OPTIONS, DEFAULT_AUGMENT);
}

async function run(session: Session, cmd: DatasetCommand): Promise<void> {
  switch (cmd.type) {
    case 'load': {
      const loaded = await loadDataset(cmd.files, cmd.options, progressOf(session));
      session.data.replace(loaded.indexed, null);
      return publish(session, loaded.dataset, cmd.augment);
    }
    case 'use-demo':
      return loadDemo(session, { count: cmd.count, seed: DEMO_SEED }, cmd.options, cmd.augment);
    case 'configure': {
      const indexed = session.data.indexed;
      if (!indexed)
        throw new Error('Load a dataset first: there is nothing to re-map or re-split.');
      return publish(session, buildDataset(indexed, cmd.mapping, cmd.options), cmd.augment);
    }
    case 'preview':
      return sendSamples(session, cmd.augment, cmd.count, cmd.seed);
    default:
      assertNever(cmd, 'dataset command');
  }
}

/** Every dataset failure becomes a 'failed' event the step shows; the worker stays usable. */
export async function handleDataset(session: Session, cmd: DatasetCommand): Promise<void> {
  try {
    await run(session, cmd);
  } catch (error) {
    session.post({ scope: 'dataset', type: 'failed', message: errorMessage(error) });
  }
}
