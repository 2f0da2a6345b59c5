import { assertNever } from '../protocol/index.ts';
import type { TrainingCommand } from '../protocol/training.ts';
import { post } from './port.ts';

export async function handleTraining(cmd: TrainingCommand): Promise<void> {
  switch (cmd.type) {
    case 'start':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'resume-run':
    case 'evaluate':
    case 'queue':
    case 'list-runs':
    case 'delete-run':
      post({
        scope: 'training',
        type: 'status',
        status: 'idle',
        message: `${cmd.type} is not available yet`,
      });
      return;
    default:
      assertNever(cmd, 'training command');
  }
}
