import type { BackendInfo } from '../../domain/backend.ts';
import { assertNever } from '../../domain/never.ts';
import type { LifecycleStage, SystemEvent } from '../../protocol/system.ts';

export interface StudioError {
  id: number;
  message: string;
  context: string | null;
}

export interface SystemState {
  stage: LifecycleStage | 'crashed';
  backend: BackendInfo | null;
  errors: StudioError[];
  workerRestarts: number;
}

export const initialSystemState: SystemState = {
  stage: 'booting',
  backend: null,
  errors: [],
  workerRestarts: 0,
};

let errorIds = 0;

export function reduceSystem(state: SystemState, event: SystemEvent): SystemState {
  switch (event.type) {
    case 'lifecycle':
      return { ...state, stage: event.stage };
    case 'backend':
      return { ...state, backend: event.backend };
    case 'done':
    case 'failed':
      // Answers settle requests in the client; they change no state.
      return state;
    case 'error':
      return {
        ...state,
        errors: [
          ...state.errors.slice(-19),
          { id: ++errorIds, message: event.message, context: event.context },
        ],
      };
    default:
      return assertNever(event, 'system event');
  }
}

export function dismissError(state: SystemState, id: number): SystemState {
  return { ...state, errors: state.errors.filter((e) => e.id !== id) };
}
