/**
 * Evaluation of the model in use (trained here or loaded) on the test split.
 * Its progress and results arrive as training events, where a run's own
 * end-of-run evaluation reports too.
 */
export type EvaluationCommand = { scope: 'evaluation'; type: 'evaluate' };
