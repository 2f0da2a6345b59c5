import type {
  AugmentParams,
  DatasetSummary,
  LabelMapping,
  SampleImage,
  SplitOptions,
} from '../domain/dataset.ts';

/**
 * `augment` rides along with the commands that (re)build the dataset so the
 * worker can answer with augmented samples straight after the summary.
 */
export type DatasetCommand =
  | {
      scope: 'dataset';
      type: 'load';
      files: File[];
      /** Each file's path inside a chosen or dropped folder; '' for a file dropped alone. */
      paths: string[];
      options: SplitOptions;
      augment: AugmentParams;
    }
  /** Stops the load in flight; the dataset in use (if any) stays. */
  | { scope: 'dataset'; type: 'cancel' }
  | {
      scope: 'dataset';
      type: 'use-demo';
      count: number;
      options: SplitOptions;
      augment: AugmentParams;
    }
  | {
      scope: 'dataset';
      type: 'configure';
      mapping: LabelMapping | null;
      options: SplitOptions;
      augment: AugmentParams;
    }
  | { scope: 'dataset'; type: 'preview'; augment: AugmentParams; count: number; seed: number };

export type DatasetEvent =
  | { scope: 'dataset'; type: 'progress'; stage: string; done: number; total: number }
  /** `loadedAt` (ms since the epoch) comes with a dataset newly put in use, not with a re-mapping of it. */
  | { scope: 'dataset'; type: 'summary'; summary: DatasetSummary; loadedAt?: number }
  /** A load stopped by a newer drop or by Cancel; the dataset in use is unchanged. */
  | { scope: 'dataset'; type: 'cancelled'; message: string }
  /** `pick`: the label file was read but its columns were not recognised; the page offers them to pick. */
  | {
      scope: 'dataset';
      type: 'failed';
      message: string;
      pick?: { fileName: string; columns: string[] };
    }
  | { scope: 'dataset'; type: 'samples'; samples: SampleImage[]; augmented: SampleImage[] };
