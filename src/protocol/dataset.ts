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
  | { scope: 'dataset'; type: 'load'; files: File[]; options: SplitOptions; augment: AugmentParams }
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
  | { scope: 'dataset'; type: 'summary'; summary: DatasetSummary }
  | { scope: 'dataset'; type: 'failed'; message: string }
  | { scope: 'dataset'; type: 'samples'; samples: SampleImage[]; augmented: SampleImage[] };
