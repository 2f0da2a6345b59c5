import type { ImagePayload } from './images.ts';

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export type LabelFormat = 'kaggle-csv' | 'celeba-txt' | 'celeba-hq-txt' | 'plain-csv';

/** How rows of the label file become two classes. Editable in the UI. */
export interface LabelMapping {
  imageColumn: string;
  labelColumn: string;
  /**
   * Raw values (as written in the file, compared case-insensitively) meaning
   * class 0 and class 1. Both empty: detect them from the label column.
   */
  classValues: [string[], string[]];
  /** Display names of class 0 and class 1; CelebA's Male column gives ["female", "male"]. */
  classNames: [string, string];
}

export interface SplitOptions {
  /** Fractions of the (limited) rows for train, validation and test; they sum to 1. */
  fractions: Record<SplitName, number>;
  seed: number;
  /**
   * Keep N images (null: all). With a partition file, each split keeps its
   * share of the partition (stratified by class, drawn with `seed`); without
   * one, the first N rows of the label file are split.
   */
  limit: number | null;
}

export const DEFAULT_SPLIT_OPTIONS: SplitOptions = {
  fractions: { train: 0.8, validation: 0.1, test: 0.1 },
  seed: 42,
  limit: null,
};

export type ProblemKind =
  | 'missing-image'
  | 'unlabelled-image'
  | 'unreadable-row'
  | 'duplicate-name'
  | 'name-collision'
  | 'ambiguous-name'
  | 'duplicate-row'
  | 'ignored-entry'
  | 'refused-entry'
  | 'undecodable-image'
  | 'unpartitioned-image'
  | 'text-encoding'
  | 'small-split'
  | 'unreadable-format';

/** Something skipped while reading the dataset: counted, a few examples named. */
export interface DatasetProblem {
  kind: ProblemKind;
  count: number;
  /** The first few names or row numbers. */
  examples: string[];
  /** One sentence naming the file and what was skipped. */
  message: string;
}

export interface SplitSummary {
  name: SplitName;
  count: number;
  /** Images of class 0 and class 1. */
  classCounts: [number, number];
}

/** How "Limit images" chose the images it kept. */
export type LimitRule =
  /** A partition file: each split kept its share of the partition, stratified by class, drawn with the seed. */
  | { kind: 'partition-share'; limit: number; of: number }
  /** No partition file: the first `limit` rows of the label file, then the seeded stratified split. */
  | { kind: 'first-rows'; limit: number; of: number };

export interface DatasetSummary {
  labelFile: {
    name: string;
    format: LabelFormat;
    rows: number;
    columns: string[];
    /** The text encoding it was read in, such as "UTF-16 LE". */
    encoding: string;
  };
  /** nameEncoding: how non-ASCII entry names were read ("UTF-8" or "CP437"; "ASCII" when none). */
  zipFile: { name: string; images: number; bytes: number; nameEncoding: string };
  partitionFile: string | null;
  splitSource: 'partition-file' | 'seeded';
  /** Null when no limit was set. */
  limitRule: LimitRule | null;
  mapping: LabelMapping;
  /** Distinct raw values of the chosen label column, for the mapping editor. */
  labelValues: string[];
  splits: SplitSummary[];
  problems: DatasetProblem[];
  options: SplitOptions;
  synthetic: boolean;
  indexMillis: number;
}

/** Keras ImageDataGenerator's knobs, applied as batched tensor ops in the worker. */
export interface AugmentParams {
  horizontalFlip: boolean;
  /** Degrees: a rotation is drawn from [-r, r]. */
  rotationRange: number;
  /** Fraction: a zoom factor is drawn from [1 - z, 1 + z]. */
  zoomRange: number;
  /** Fraction of the width / height. */
  widthShift: number;
  heightShift: number;
  /** Brightness factor range [low, high]; [1, 1] is off. */
  brightnessRange: [number, number];
}

export const DEFAULT_AUGMENT: AugmentParams = {
  horizontalFlip: true,
  rotationRange: 20,
  zoomRange: 0.2,
  widthShift: 0,
  heightShift: 0,
  brightnessRange: [1, 1],
};

export const NO_AUGMENT: AugmentParams = {
  horizontalFlip: false,
  rotationRange: 0,
  zoomRange: 0,
  widthShift: 0,
  heightShift: 0,
  brightnessRange: [1, 1],
};

export interface SampleImage {
  name: string;
  className: string;
  image: ImagePayload;
}

/** Keras's words for one split, as flow_from_dataframe prints them. */
export function foundImagesLine(count: number, classes = 2): string {
  return `Found ${count} validated image filenames belonging to ${classes} classes.`;
}

/** Images in the demo dataset the "Use demo dataset" button asks for. */
export const DEMO_IMAGE_COUNT = 400;
