import { assertNever } from '../../protocol/index.ts';
import type { TrainingEvent } from '../../protocol/training.ts';

export interface TrainingState {
  status: 'idle' | 'stopped';
}

export const initialTrainingState: TrainingState = { status: 'idle' };

export function reduceTraining(state: TrainingState, event: TrainingEvent): TrainingState {
  switch (event.type) {
    case 'stopped':
      return { ...state, status: 'stopped' };
    default:
      return assertNever(event.type, 'training event');
  }
}
