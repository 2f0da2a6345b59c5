import type { ActiveModel, Prediction, SavedModelInfo } from '../../domain/export.ts';
import { assertNever } from '../../domain/never.ts';
import type { ExportAction, ExportEvent } from '../../protocol/export.ts';

export interface ExportState {
  saved: SavedModelInfo[];
  /** A model loaded from storage or a zip; null: the current run's model is in use. */
  loaded: ActiveModel | null;
  busy: { action: ExportAction; message: string } | null;
  /** The last thing that worked, in words. */
  done: string | null;
  prediction: Prediction | null;
  /** The last failure of each action, shown next to its control. */
  errors: Partial<Record<ExportAction, string>>;
}

export const initialExportState: ExportState = {
  saved: [],
  loaded: null,
  busy: null,
  done: null,
  prediction: null,
  errors: {},
};

function without(errors: ExportState['errors'], action: ExportAction): ExportState['errors'] {
  const { [action]: _gone, ...rest } = errors;
  return rest;
}

export function reduceExport(state: ExportState, event: ExportEvent): ExportState {
  switch (event.type) {
    case 'saved-list':
      return { ...state, saved: event.models, errors: without(state.errors, 'list') };
    case 'busy':
      return { ...state, busy: { action: event.action, message: event.message } };
    case 'saved':
      return {
        ...state,
        busy: null,
        done: `Saved “${event.name}” to browser storage.`,
        errors: without(state.errors, 'save'),
      };
    case 'active':
      return {
        ...state,
        busy: null,
        loaded: event.model?.source === 'loaded' ? event.model : null,
        done: event.model?.source === 'loaded' ? `Loaded “${event.model.name}”.` : state.done,
        prediction: null,
        errors: without(state.errors, 'load'),
      };
    case 'download':
      return {
        ...state,
        busy: null,
        done: `Downloaded ${event.fileName} (${(event.bytes.byteLength / 1e6).toFixed(1)} MB).`,
        errors: without(state.errors, 'download'),
      };
    case 'prediction':
      return {
        ...state,
        busy: null,
        prediction: event.prediction,
        errors: without(state.errors, 'predict'),
      };
    case 'failed':
      return {
        ...state,
        busy: null,
        errors: { ...state.errors, [event.action]: event.message },
      };
    default:
      return assertNever(event, 'export event');
  }
}
