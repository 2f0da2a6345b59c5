import type { BackendName } from './backend.ts';
import type { AugmentParams, SplitName } from './dataset.ts';
import type { ImagePayload } from './images.ts';
import type { ModelOptions } from './model.ts';

/** The optimiser and schedule, as in the reference: SGD, binary cross-entropy, batch 8, 8 epochs. */
export type OptimizerName = 'sgd' | 'adam';

export interface TrainingParams {
  /** SGD with momentum is the reference's; Adam copes better with a random (untrained) base. */
  optimizer: OptimizerName;
  batchSize: number;
  epochs: number;
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  fineTuneEpochs: number;
  fineTuneLearningRate: number;
  /** Epochs without a better val_loss before stopping; 0 turns early stopping off. */
  earlyStoppingPatience: number;
  restoreBestWeights: boolean;
  seed: number;
}

export const REFERENCE_TRAINING: TrainingParams = {
  optimizer: 'sgd',
  batchSize: 8,
  epochs: 8,
  learningRate: 0.001,
  momentum: 0.9,
  nesterov: false,
  fineTuneEpochs: 0,
  fineTuneLearningRate: 0.0001,
  earlyStoppingPatience: 0,
  restoreBestWeights: true,
  seed: 42,
};

/** Everything a run needs; stored with the run and in every checkpoint. */
export interface RunConfig {
  model: ModelOptions;
  augment: AugmentParams;
  training: TrainingParams;
}

export type Phase = 'head' | 'fine-tune';

/** One finished epoch, as a Keras log line. */
export interface EpochLog {
  epoch: number;
  phase: Phase;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds: number;
}

export interface BatchLog {
  phase: Phase;
  epoch: number;
  batch: number;
  loss: number;
  accuracy: number;
}

/** A long forward-only pass (feature caching, evaluation): what it is and how far it got. */
export interface WorkCount {
  /** What is being done, e.g. "Caching features". */
  label: string;
  done: number;
  total: number;
}

export interface TrainingProgress {
  phase: Phase;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Overall fraction done, 0..1. */
  fraction: number;
  imagesPerSecond: number;
  etaSeconds: number | null;
}

export interface ClassMetrics {
  className: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

export interface Misclassified {
  name: string;
  trueClass: string;
  /** Probability of class 1. */
  probability: number;
  image: ImagePayload;
}

/** The test split's verdict, with the raw probabilities so the page can move the threshold. */
export interface TestResults {
  split: SplitName;
  loss: number;
  accuracy: number;
  threshold: number;
  classNames: [string, string];
  /** confusion[actual][predicted] at `threshold`. */
  confusion: [[number, number], [number, number]];
  perClass: [ClassMetrics, ClassMetrics];
  roc: RocPoint[];
  auc: number;
  labels: number[];
  probabilities: number[];
  misclassified: Misclassified[];
  randomWeights: boolean;
}

export interface RunRecord {
  id: string;
  name: string;
  createdAt: number;
  config: RunConfig;
  history: EpochLog[];
  test: Omit<TestResults, 'misclassified' | 'labels' | 'probabilities'> | null;
  backend: BackendName;
  seconds: number;
  status: 'running' | 'finished' | 'stopped' | 'failed';
  /** Why a failed run failed, in the words the page showed. */
  failure?: string;
  randomWeights: boolean;
  synthetic: boolean;
  /** Set for a run trained outside the browser (the cluster job) and loaded back from its model.h5. */
  outside?: OutsideTraining;
}

export interface OutsideTraining {
  /** "pytorch". */
  engine: string;
  processes: number;
  /** "cuda" or "cpu". */
  device: string;
  /** The file it was loaded from. */
  file: string;
  /** The test accuracy the job reported (metrics.json); the studio's own comes from Evaluate. */
  testAccuracy: number | null;
}

export type TrainingStatus =
  | 'idle'
  | 'preparing'
  | 'running'
  | 'paused'
  | 'stopping'
  | 'stopped'
  | 'finished'
  | 'failed';

/** A run that has a checkpoint and can continue after a reload or a crash. */
export interface ResumableRun {
  id: string;
  name: string;
  epochsDone: number;
  epochsTotal: number;
  savedAt: number;
}
