import * as tf from '@tensorflow/tfjs';

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
