import type * as tf from '@tensorflow/tfjs';
import type { SplitName } from '../../domain/dataset.ts';
import type { Batch, ImageRef, LoadedDataset } from '../dataset/types.ts';
import {
  cacheFeatures,
  type FeatureCache,
  featureCacheBytes,
  formatBytes,
} from './featureCache.ts';
import type { TrainerCallbacks } from './types.ts';

export type SplitCaches = Partial<Record<SplitName, FeatureCache>>;

export interface CacheContext {
  base: tf.LayersModel;
  splits: LoadedDataset['splits'];
  /** Largest cache allowed, in bytes. */
  budget: number;
  /** Images per forward pass of the base. */
  rows: number;
  read(refs: ImageRef[]): Promise<Batch>;
  stopped(): boolean;
  skipped(batch: Batch): void;
  callbacks: Pick<TrainerCallbacks, 'notice' | 'status'>;
}

/**
 * Base-feature caches for train and validation when they fit the budget, each
 * computed once with progress. Empty when they would not fit or the run
 * stopped meanwhile (whatever was built is then disposed).
 */
export async function buildSplitCaches(ctx: CacheContext): Promise<SplitCaches> {
  const shape = ctx.base.outputs[0]?.shape ?? [];
  const featureSize = shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
  const images = ctx.splits.train.length + ctx.splits.validation.length;
  const bytes = featureCacheBytes(images, featureSize);
  if (bytes > ctx.budget) {
    ctx.callbacks.notice(
      `Feature cache skipped: ${images} images × ${featureSize} features would take ${formatBytes(bytes)}, over the ${formatBytes(ctx.budget)} budget. The base runs on every batch instead.`,
    );
    return {};
  }
  ctx.callbacks.notice(
    `Feature cache: augmentation is off and the base is frozen, so base features are computed once (${formatBytes(bytes)}) and head epochs train on them.`,
  );
  const caches: SplitCaches = {};
  for (const split of ['train', 'validation'] as const) {
    const cache = await cacheSplit(ctx, split);
    if (ctx.stopped()) {
      cache?.dispose();
      for (const built of Object.values(caches)) built?.dispose();
      return {};
    }
    if (cache) caches[split] = cache;
  }
  ctx.callbacks.status('running', null);
  return caches;
}

async function cacheSplit(ctx: CacheContext, split: 'train' | 'validation') {
  const refs = ctx.splits[split];
  if (refs.length === 0) return null;
  return cacheFeatures(ctx.base, refs, ctx.read, ctx.rows, {
    stopped: ctx.stopped,
    skipped: ctx.skipped,
    progress: (done, total) =>
      ctx.callbacks.status('preparing', `Caching ${split} features: ${done}/${total}`, {
        label: `Caching ${split} features`,
        done,
        total,
      }),
  });
}
