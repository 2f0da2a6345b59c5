import { describe, expect, it } from 'vitest';
import { initialEvaluationState, reduceEvaluation } from '../../src/studio/slices/evaluation.ts';
import { initialTrainingState, reduceTraining } from '../../src/studio/slices/training.ts';

const caching = { label: 'Caching train features', done: 64, total: 640 };

describe('the count of a long pass in the studio state', () => {
  it('is kept while training prepares and cleared when training runs', () => {
    const preparing = reduceTraining(initialTrainingState, {
      scope: 'training',
      type: 'status',
      status: 'preparing',
      message: 'Caching train features: 64/640',
      work: caching,
    });
    expect(preparing.work).toEqual(caching);
    const running = reduceTraining(preparing, {
      scope: 'training',
      type: 'status',
      status: 'running',
      message: null,
      work: null,
    });
    expect(running.work).toBeNull();
  });

  it('is kept while the test split is evaluated and cleared with the results', () => {
    const work = { label: 'Evaluating', done: 300, total: 3000 };
    const state = reduceEvaluation(initialEvaluationState, {
      scope: 'evaluation',
      type: 'progress',
      message: 'Evaluating: 300/3000',
      work,
    });
    expect(state.work).toEqual(work);
    const done = reduceEvaluation(state, {
      scope: 'evaluation',
      type: 'results',
      // Only the slice's bookkeeping is under test here; the results are passed through.
      results: {} as never,
    });
    expect(done.work).toBeNull();
  });
});
