import type { RunConfig } from '../../domain/training.ts';
import { BatchPrefetcher, type DataWait } from '../dataset/prefetch.ts';
import type { Batch, ImageRef } from '../dataset/types.ts';
import type { Classifier } from '../model/classifier.ts';
import { seedFor, shuffledIndices } from '../random.ts';
import { cachedStep, imageStep } from './batchStep.ts';
import { batchSlice, divergenceMessage, EpochTally, type StepResult } from './epoch.ts';
import type { FeatureCache } from './featureCache.ts';
import type { PhaseRun } from './phaseRun.ts';
import type { RunControl } from './runControl.ts';
import type { TrainerCallbacks } from './types.ts';

/** Batches read ahead of the one training: enough to ride out a slow decode or zip read. */
export const PREFETCH_DEPTH = 3;

/** What one epoch needs from the trainer around it. */
export interface EpochContext {
  config: RunConfig;
  classifier: Classifier;
  /** Base features of the training split, when the phase trains on them. */
  trainCache: FeatureCache | undefined;
  read(refs: ImageRef[]): Promise<Batch>;
  control: RunControl;
  now(): number;
  reportEveryMs: number;
  callbacks: Pick<TrainerCallbacks, 'batches' | 'status' | 'skipped'>;
  /** Epochs already checkpointed, for the message when the loss diverges. */
  saved: number;
  /** Called with each batch report: the batch reached (1-based) and images seen this epoch. */
  progress(batch: number, seen: number): void;
}

export type EpochOutcome = EpochTally | 'stopped' | 'failed';

/**
 * One pass over the training split in this epoch's shuffled order, batch by
 * batch, reporting batches and progress as it goes. `wait` is the time image
 * steps waited for decoded batches (none when training on cached features).
 */
export async function trainEpoch(
  ctx: EpochContext,
  run: PhaseRun,
  epoch: number,
): Promise<{ outcome: EpochOutcome; wait: DataWait | undefined }> {
  const seed = seedFor(ctx.config.training.seed, run.phaseIndex, epoch);
  const order = shuffledIndices(run.total, seed);
  const prefetch = run.useCache ? null : prefetcher(ctx, run, order);
  const outcome = await trainBatches(ctx, run, epoch, order, prefetch);
  const wait = await prefetch?.close();
  return { outcome, wait };
}

/** Reads the epoch's image batches ahead, in `order`, while earlier ones train. */
function prefetcher(ctx: EpochContext, run: PhaseRun, order: number[]): BatchPrefetcher<Batch> {
  const { batchSize } = ctx.config.training;
  return new BatchPrefetcher(
    run.batches,
    (b) => ctx.read(batchSlice(order, b, batchSize).map((i) => run.trainRefs[i] as ImageRef)),
    PREFETCH_DEPTH,
    ctx.now,
  );
}

async function trainBatches(
  ctx: EpochContext,
  run: PhaseRun,
  epoch: number,
  order: number[],
  prefetch: BatchPrefetcher<Batch> | null,
): Promise<EpochOutcome> {
  const { seed, batchSize } = ctx.config.training;
  const epochNumber = run.epochOffset + epoch + 1;
  const tally = new EpochTally();
  for (let b = 0; b < run.batches; b++) {
    await ctx.control.whilePaused();
    if (ctx.control.stopped) return 'stopped';
    const indices = batchSlice(order, b, batchSize);
    const result = await trainBatch(
      ctx,
      run,
      indices,
      prefetch,
      seedFor(seed, run.phaseIndex, epoch, b),
    );
    if (!result) continue;
    if (!Number.isFinite(result.loss)) {
      ctx.callbacks.status('failed', divergenceMessage(result.loss, epochNumber, b + 1, ctx.saved));
      return 'failed';
    }
    const { loss, accuracy } = result;
    tally.add(result, { phase: run.plan.phase, epoch: epochNumber, batch: b + 1, loss, accuracy });
    const logs = tally.due(ctx.now(), ctx.reportEveryMs, b === run.batches - 1);
    if (logs) {
      ctx.callbacks.batches(logs);
      ctx.progress(b + 1, tally.seen);
    }
  }
  if (tally.seen === 0) {
    ctx.callbacks.status(
      'failed',
      `Epoch ${epochNumber}: none of the ${run.total} training images could be decoded, so there was nothing to train on. The skipped images say why.`,
    );
    return 'failed';
  }
  return tally;
}

/** One optimiser step on cached features (`indices`) or on the next prefetched image batch. */
async function trainBatch(
  ctx: EpochContext,
  run: PhaseRun,
  indices: number[],
  prefetch: BatchPrefetcher<Batch> | null,
  seed: number,
): Promise<StepResult | null> {
  const target = { variables: run.variables, optimizer: run.optimizer };
  if (run.useCache) {
    const cache = ctx.trainCache as FeatureCache;
    return cachedStep(ctx.classifier.head, cache, indices, target, seed);
  }
  // The next batches decode while this one trains.
  const batch = await (prefetch as BatchPrefetcher<Batch>).next();
  if (batch.skipped.length > 0) ctx.callbacks.skipped(batch.skipped);
  if (batch.count === 0) return null;
  return imageStep(ctx.classifier, ctx.config.augment, batch, run.plan.phase, target, seed);
}
