import type { ExportCommand } from '../protocol/exporting.ts';
import { assertNever } from '../protocol/index.ts';
import { post } from './port.ts';

export async function handleExport(cmd: ExportCommand): Promise<void> {
  switch (cmd.type) {
    case 'list-saved':
      post({ scope: 'export', type: 'saved-list', names: [] });
      return;
    default:
      assertNever(cmd.type, 'export command');
  }
}
