import type { BackendName } from './backend.ts';
import type { SplitName } from './dataset.ts';
import type { ImagePayload } from './images.ts';
import type { ClassMetrics, EpochLog, RunConfig } from './training.ts';

/**
 * What the model expects around it: it takes RGB 0..255 resized to the input
 * size; this preprocessing is applied outside the model, before it.
 */
export interface Preprocessing {
  mode: 'caffe';
  order: 'BGR';
  mean: [number, number, number];
  scale: 1;
  input: string;
}

/** The test split's headline numbers, without the per-image arrays. */
export interface TestMetrics {
  split: SplitName;
  count: number;
  loss: number;
  accuracy: number;
  auc: number;
  threshold: number;
  /** confusion[actual][predicted] at `threshold`. */
  confusion: [[number, number], [number, number]];
  perClass: [ClassMetrics, ClassMetrics];
}

/** A short model card: what it learned from, what it is for, what it cannot do. */
export interface ModelCard {
  summary: string;
  data: string;
  intendedUse: string;
  limitations: string[];
}

/** metadata.json, next to model.json in every export and with every saved model. */
export interface ModelMetadata {
  format: 'celeba-studio-model';
  formatVersion: 1;
  name: string;
  runId: string | null;
  exportedAt: string;
  /** classNames[1] is the class whose probability the model outputs. */
  classNames: [string, string];
  output: string;
  /** Predict classNames[1] when its probability is at or above this. */
  threshold: number;
  inputSize: number;
  inputShape: [null, number, number, 3];
  preprocessing: Preprocessing;
  training: RunConfig | null;
  history: EpochLog[];
  test: TestMetrics | null;
  backend: { name: BackendName; reason: string } | null;
  baseWeights: 'imagenet' | 'random';
  dataset: { synthetic: boolean; labelColumn: string; splits: Record<SplitName, number> } | null;
  modelCard: ModelCard;
}

/** One row of the "Saved models" list. */
export interface SavedModelInfo {
  name: string;
  savedAt: number;
  sizeBytes: number;
  testAccuracy: number | null;
  inputSize: number;
  /** The metadata record exists but tfjs's own store no longer has the weights. */
  missing: boolean;
}

/** The model that Prediction, evaluation, saving and downloading use. */
export interface ActiveModel {
  source: 'trained' | 'loaded';
  name: string;
  /** Where a loaded model came from: "browser storage" or the zip's file name. */
  origin: string;
  inputSize: number;
  classNames: [string, string];
  threshold: number;
  /** The training history recorded with the model. */
  history: EpochLog[];
}

export interface Prediction {
  fileName: string;
  /** Probability of classNames[1], as the model outputs it. */
  probability: number;
  className: string;
  /** Probability of `className`. */
  confidence: number;
  /** The model's input: the photo resized to inputSize × inputSize. */
  input: ImagePayload;
  model: ActiveModel;
}

/** A model name tfjs's `indexeddb://` scheme and a file name both accept. */
export function modelNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Give the model a name.';
  if (name.length > 100) return 'Keep the name under 100 characters.';
  if (!/^[\w .·+()-]+$/u.test(name))
    return 'Use letters, digits, spaces and . _ - + ( ) only in the name.';
  return null;
}

/** A default name from the run's name: file- and URL-friendly. */
export function defaultModelName(runName: string | null): string {
  const base = (runName ?? 'celeba-model')
    .replace(/[^\w.+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base === '' ? 'celeba-model' : base;
}
