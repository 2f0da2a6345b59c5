import { assertNever } from '../domain/never.ts';
import type { Command } from '../protocol/index.ts';
import { handleDataset } from './dataset.ts';
import { handleExport } from './exporting.ts';
import { handleModel } from './model.ts';
import type { Session } from './session.ts';
import { handleSystem } from './system.ts';
import { handleTraining } from './training.ts';

/** Turns one command into engine calls; what it reports travels as events. */
export async function dispatch(session: Session, cmd: Command): Promise<void> {
  switch (cmd.scope) {
    case 'system':
      return handleSystem(session, cmd);
    case 'dataset':
      return handleDataset(session, cmd);
    case 'model':
      return handleModel(session, cmd);
    case 'training':
      return handleTraining(session, cmd);
    case 'export':
      return handleExport(session, cmd);
    default:
      assertNever(cmd, 'command');
  }
}
