import type { TestResults, WorkCount } from '../domain/training.ts';

/** Evaluation of the model in use (trained here or loaded) on the dataset's test split. */
export type EvaluationCommand = { scope: 'evaluation'; type: 'evaluate' };

export type EvaluationEvent =
  /** The evaluation under way, in words: which model, how far. */
  | { scope: 'evaluation'; type: 'progress'; message: string; work: WorkCount | null }
  | { scope: 'evaluation'; type: 'notice'; message: string }
  /** The test split's verdict: after "Evaluate on test set", and at the end of every run. */
  | { scope: 'evaluation'; type: 'results'; results: TestResults };
