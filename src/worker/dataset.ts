import type { DatasetCommand } from '../protocol/dataset.ts';
import { assertNever } from '../protocol/index.ts';
import { post } from './port.ts';

export async function handleDataset(cmd: DatasetCommand): Promise<void> {
  switch (cmd.type) {
    case 'load':
      post({ scope: 'dataset', type: 'loading', fileNames: cmd.files.map((f) => f.name) });
      return;
    default:
      assertNever(cmd.type, 'dataset command');
  }
}
