import type { DatasetCommand } from '../protocol/dataset.ts';
import { assertNever } from '../protocol/index.ts';
import { post } from './port.ts';

export async function handleDataset(cmd: DatasetCommand): Promise<void> {
  switch (cmd.type) {
    case 'load':
    case 'use-demo':
    case 'configure':
    case 'preview':
      post({ scope: 'dataset', type: 'failed', message: `${cmd.type} is not available yet` });
      return;
    default:
      assertNever(cmd, 'dataset command');
  }
}
