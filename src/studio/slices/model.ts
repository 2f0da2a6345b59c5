import type { ModelSummary, WeightsStatus } from '../../domain/model.ts';
import { assertNever } from '../../domain/never.ts';
import type { ModelEvent } from '../../protocol/model.ts';

export interface ModelState {
  summary: ModelSummary | null;
  baseParams: number | null;
  headParams: number | null;
  weights: WeightsStatus;
  /** Why the last 'configure' could not be summarised. */
  optionsError: string | null;
  /** Why the last weights load failed. */
  weightsError: string | null;
}

export const initialModelState: ModelState = {
  summary: null,
  baseParams: null,
  headParams: null,
  weights: { kind: 'random' },
  optionsError: null,
  weightsError: null,
};

export function reduceModel(state: ModelState, event: ModelEvent): ModelState {
  switch (event.type) {
    case 'summary':
      return {
        ...state,
        summary: event.summary,
        baseParams: event.baseParams,
        headParams: event.headParams,
        optionsError: null,
      };
    case 'weights':
      // A new load starting clears the last failure; a failure re-posts the status it fell back to.
      return event.status.kind === 'loading'
        ? { ...state, weights: event.status, weightsError: null }
        : { ...state, weights: event.status };
    case 'failed':
      return event.what === 'options'
        ? { ...state, optionsError: event.message }
        : { ...state, weightsError: event.message };
    default:
      return assertNever(event, 'model event');
  }
}
