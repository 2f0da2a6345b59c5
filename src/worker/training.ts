import { assertNever } from '../protocol/index.ts';
import type { TrainingCommand } from '../protocol/training.ts';
import { post } from './port.ts';

export async function handleTraining(cmd: TrainingCommand): Promise<void> {
  switch (cmd.type) {
    case 'stop':
      post({ scope: 'training', type: 'stopped' });
      return;
    default:
      assertNever(cmd.type, 'training command');
  }
}
