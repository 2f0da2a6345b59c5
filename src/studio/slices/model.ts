import { assertNever } from '../../protocol/index.ts';
import type { ModelEvent, ModelSummary, WeightsStatus } from '../../protocol/model.ts';

export interface ModelState {
  summary: ModelSummary | null;
  baseParams: number | null;
  headParams: number | null;
  weights: WeightsStatus;
  error: string | null;
}

export const initialModelState: ModelState = {
  summary: null,
  baseParams: null,
  headParams: null,
  weights: { kind: 'random' },
  error: null,
};

export function reduceModel(state: ModelState, event: ModelEvent): ModelState {
  switch (event.type) {
    case 'summary':
      return {
        ...state,
        summary: event.summary,
        baseParams: event.baseParams,
        headParams: event.headParams,
      };
    case 'weights':
      return { ...state, weights: event.status, error: null };
    case 'failed':
      return { ...state, error: event.message };
    default:
      return assertNever(event, 'model event');
  }
}
