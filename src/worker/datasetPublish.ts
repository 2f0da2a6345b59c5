import type { Progress } from '../core/dataset/files.ts';
import { makeSamples } from '../core/dataset/samples.ts';
import type { LoadedDataset } from '../core/dataset/types.ts';
import type { AugmentParams } from '../domain/dataset.ts';
import type { Session } from './session.ts';

/** How many sample images the page shows. */
const SAMPLE_COUNT = 8;

export const progressOf =
  (session: Session): Progress =>
  (stage, done, total) =>
    session.post({ scope: 'dataset', type: 'progress', stage, done, total });

export async function sendSamples(
  session: Session,
  augment: AugmentParams,
  count: number,
  seed: number,
) {
  const dataset = session.data.dataset;
  if (!dataset) throw new Error('Load a dataset first: there are no images to preview.');
  const made = await makeSamples(dataset, session.platform.decoder, augment, count, seed);
  const { samples, augmented } = made;
  const transfer = [...samples, ...augmented].map((s) => s.image.data.buffer);
  session.post({ scope: 'dataset', type: 'samples', samples, augmented }, transfer);
  session.reportSkipped(made.skipped);
}

/** Puts `dataset` in use; `loadedAt` marks a newly loaded one (a re-mapping keeps its time). */
export async function publish(
  session: Session,
  dataset: LoadedDataset,
  augment: AugmentParams,
  loadedAt?: number,
) {
  session.data.dataset = dataset;
  session.post({ scope: 'dataset', type: 'summary', summary: dataset.summary, loadedAt });
  await sendSamples(session, augment, SAMPLE_COUNT, 1);
}
