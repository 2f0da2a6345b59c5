import { buildDataset } from '../core/dataset/build.ts';
import { type DemoParams, isDemoParams } from '../core/dataset/current.ts';
import { NeedsMapping } from '../core/dataset/load.ts';
import { LoadCancelled } from '../core/dataset/loads.ts';
import { loadDemo, loadDropped } from '../core/dataset/transactions.ts';
import {
  type AugmentParams,
  DEFAULT_AUGMENT,
  DEFAULT_SPLIT_OPTIONS,
  type SplitOptions,
} from '../domain/dataset.ts';
import { assertNever } from '../domain/never.ts';
import type { DatasetCommand } from '../protocol/dataset.ts';
import { progressOf, publish, sendSamples } from './datasetPublish.ts';
import { canEncodeWithCanvas, canvasJpegEncode } from './encode.ts';
import { errorMessage, reported } from './port.ts';
import type { Session } from './session.ts';

/** The demo's images are drawn from this seed, so a run on the demo can be resumed. */
const DEMO_SEED = 1;

/** Decode workers keep the files they were handed: the end of a load lets them go. */
const releasing = <T>(session: Session, load: Promise<T>): Promise<T> =>
  load.finally(() => session.platform.decoder.release?.());

async function startDemo(
  session: Session,
  demo: DemoParams,
  options: SplitOptions,
  augment: AugmentParams,
) {
  const encode = canEncodeWithCanvas ? canvasJpegEncode : undefined;
  const dataset = await releasing(
    session,
    loadDemo(session.data, demo, options, progressOf(session), encode),
  );
  await publish(session, dataset, augment, Date.now());
}

async function loadFiles(
  session: Session,
  cmd: Extract<DatasetCommand, { type: 'load' }>,
  signal: AbortSignal,
) {
  if (session.runs.running) {
    throw new Error('A run is training: stop it before loading other data; the run keeps its own.');
  }
  const dataset = await releasing(
    session,
    loadDropped(session.data, cmd, progressOf(session), signal),
  );
  await publish(session, dataset, cmd.augment, Date.now());
}

/** Rebuilds the demo dataset a run was training on, so it can resume after a reload. */
export async function restoreDemo(session: Session, demo: unknown): Promise<void> {
  if (!isDemoParams(demo)) throw new Error('The saved run names no demo dataset to rebuild.');
  await startDemo(session, demo, DEFAULT_SPLIT_OPTIONS, DEFAULT_AUGMENT);
}

async function run(session: Session, cmd: DatasetCommand, signal: AbortSignal): Promise<void> {
  switch (cmd.type) {
    case 'load':
      // Cancelling the request cancels this load, as the step's Cancel does.
      return loadFiles(session, cmd, signal);
    case 'cancel':
      session.data.loads.cancel();
      return;
    case 'use-demo':
      return startDemo(session, { count: cmd.count, seed: DEMO_SEED }, cmd.options, cmd.augment);
    case 'configure': {
      // Columns picked for a load that needed them, else a new mapping of the dataset in use.
      const { pending } = session.data;
      const indexed = pending ?? session.data.indexed;
      if (!indexed)
        throw new Error('Load a dataset first: there is nothing to re-map or re-split.');
      const dataset = buildDataset(indexed, cmd.mapping, cmd.options);
      if (pending) session.data.replace(pending, null);
      return publish(session, dataset, cmd.augment, pending ? Date.now() : undefined);
    }
    case 'preview':
      return sendSamples(session, cmd.augment, cmd.count, cmd.seed);
    default:
      assertNever(cmd, 'dataset command');
  }
}

/** Every dataset failure becomes an event the step shows; the worker stays usable. */
export async function handleDataset(
  session: Session,
  cmd: DatasetCommand,
  signal: AbortSignal,
): Promise<void> {
  try {
    await run(session, cmd, signal);
  } catch (error) {
    const message = errorMessage(error);
    // A load that needs its columns picked, or a pick that did not work: the picker stays.
    const pending =
      error instanceof NeedsMapping
        ? error.indexed
        : cmd.type === 'configure'
          ? session.data.pending
          : null;
    const pick = pending
      ? { fileName: pending.labels.fileName, columns: pending.labels.columns }
      : undefined;
    const event =
      error instanceof LoadCancelled
        ? ({ scope: 'dataset', type: 'cancelled', message } as const)
        : ({ scope: 'dataset', type: 'failed', message, pick } as const);
    throw reported(session.post, event, message);
  }
}
