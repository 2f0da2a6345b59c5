import type { SplitSummary } from './dataset.ts';

/** A split needs at least this many images: one image gives no accuracy worth reading. */
export const MIN_SPLIT_IMAGES = 2;

/** Splits too small to train, validate or test on, one sentence each (empty when all are fine). */
export function smallSplits(splits: readonly SplitSummary[], fromPartition: boolean): string[] {
  return splits
    .filter((s) => s.count < MIN_SPLIT_IMAGES)
    .map((s) => {
      const size = s.count === 0 ? 'is empty' : 'has only 1 image';
      const fix = fromPartition
        ? 'the partition file names too few of the loaded images for it'
        : 'use more images or a larger fraction for it';
      return `The ${s.name} split ${size}: training needs at least ${MIN_SPLIT_IMAGES} images in each split; ${fix}.`;
    });
}
