import { assertNever } from '../protocol/index.ts';
import type { ModelCommand } from '../protocol/model.ts';
import { post } from './port.ts';

export async function handleModel(cmd: ModelCommand): Promise<void> {
  switch (cmd.type) {
    case 'configure':
    case 'load-weights-files':
    case 'load-weights-url':
      post({ scope: 'model', type: 'failed', message: `${cmd.type} is not available yet` });
      return;
    default:
      assertNever(cmd, 'model command');
  }
}
