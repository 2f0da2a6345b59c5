import * as tf from '@tensorflow/tfjs';
import type { Batch, ImageRef } from '../dataset/types.ts';
import { paddedBatch } from '../evaluation/predict.ts';

/**
 * Base features of a split computed once, for head-only epochs without
 * augmentation: the frozen base then runs once per image instead of once per epoch.
 */
export class FeatureCache {
  private constructor(
    readonly features: tf.Tensor,
    readonly labels: Float32Array,
    readonly names: string[],
  ) {}

  static fromChunks(chunks: tf.Tensor[], labels: number[], names: string[]): FeatureCache {
    const features = chunks.length === 1 ? (chunks[0] as tf.Tensor).clone() : tf.concat(chunks, 0);
    return new FeatureCache(features, Float32Array.from(labels), names);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Features and labels at `indices`, as new tensors the caller disposes. */
  take(indices: number[]): { x: tf.Tensor; y: tf.Tensor2D } {
    return tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      const x = tf.gather(this.features, idx);
      const y = tf.tensor2d(
        indices.map((i) => this.labels[i] as number),
        [indices.length, 1],
      );
      return { x, y };
    });
  }

  dispose(): void {
    this.features.dispose();
  }
}

/** Bytes a cache of `images` feature maps of `featureSize` floats would take. */
export function featureCacheBytes(images: number, featureSize: number): number {
  return images * featureSize * 4;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} kB`;
}

export interface CacheHooks {
  stopped(): boolean;
  skipped(batch: Batch): void;
  progress(done: number, total: number): void;
}

/**
 * Runs the frozen `base` once over `refs`, `rows` images per pass (padded, so
 * every pass has one shape), and keeps the features. Null when nothing could
 * be read or the run was stopped meanwhile.
 */
export async function cacheFeatures(
  base: tf.LayersModel,
  refs: ImageRef[],
  read: (refs: ImageRef[]) => Promise<Batch>,
  rows: number,
  hooks: CacheHooks,
): Promise<FeatureCache | null> {
  const chunks: tf.Tensor[] = [];
  const labels: number[] = [];
  const names: string[] = [];
  try {
    for (let start = 0; start < refs.length; start += rows) {
      if (hooks.stopped()) return null;
      const batch = await read(refs.slice(start, start + rows));
      hooks.skipped(batch);
      if (batch.count === 0) continue;
      chunks.push(
        tf.tidy(() => {
          const features = base.apply(paddedBatch(batch, rows), { training: false }) as tf.Tensor;
          return features.slice(0, batch.count);
        }),
      );
      for (let i = 0; i < batch.count; i++) {
        labels.push(batch.labels[i] as number);
        names.push(batch.names[i] as string);
      }
      hooks.progress(Math.min(start + rows, refs.length), refs.length);
    }
    return chunks.length > 0 ? FeatureCache.fromChunks(chunks, labels, names) : null;
  } finally {
    tf.dispose(chunks);
  }
}
