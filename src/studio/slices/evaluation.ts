import { assertNever } from '../../domain/never.ts';
import type { TestResults, WorkCount } from '../../domain/training.ts';
import type { EvaluationEvent } from '../../protocol/evaluation.ts';

export interface EvaluationState {
  test: TestResults | null;
  /** What the evaluation under way is doing. */
  message: string | null;
  /** Test images done of the evaluation under way. */
  work: WorkCount | null;
  notices: string[];
}

export const initialEvaluationState: EvaluationState = {
  test: null,
  message: null,
  work: null,
  notices: [],
};

export function reduceEvaluation(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'progress':
      return { ...state, message: event.message, work: event.work };
    case 'notice':
      return { ...state, notices: [...state.notices.slice(-9), event.message] };
    case 'results':
      return { ...state, test: event.results, message: null, work: null };
    default:
      return assertNever(event, 'evaluation event');
  }
}
