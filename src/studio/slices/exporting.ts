import type { ExportEvent } from '../../protocol/exporting.ts';
import { assertNever } from '../../protocol/index.ts';

export interface ExportState {
  saved: string[];
}

export const initialExportState: ExportState = { saved: [] };

export function reduceExport(state: ExportState, event: ExportEvent): ExportState {
  switch (event.type) {
    case 'saved-list':
      return { ...state, saved: event.names };
    default:
      return assertNever(event.type, 'export event');
  }
}
