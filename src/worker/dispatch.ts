import { assertNever } from '../domain/never.ts';
import type { Command } from '../protocol/index.ts';
import { handleDataset } from './dataset.ts';
import { evaluate } from './evaluation.ts';
import { handleExport } from './export.ts';
import { handleModel } from './model.ts';
import { errorMessage, Reported } from './port.ts';
import type { Session } from './session.ts';
import { handleSystem } from './system.ts';
import { handleTraining } from './training.ts';

/** Turns one command into engine calls; `signal` aborts when the page cancels it. */
function route(session: Session, cmd: Command, signal: AbortSignal): Promise<void> {
  switch (cmd.scope) {
    case 'system':
      return handleSystem(session, cmd);
    case 'dataset':
      return handleDataset(session, cmd, signal);
    case 'model':
      return handleModel(session, cmd, signal);
    case 'training':
      return handleTraining(session, cmd, signal);
    case 'evaluation':
      return evaluate(session);
    case 'export':
      return handleExport(session, cmd);
    default:
      return assertNever(cmd, 'command');
  }
}

/**
 * Runs commands and answers each with `done` or `failed` under its id. A
 * failure its handler did not show already is reported as an error too.
 */
export function createDispatcher(session: Session): (cmd: Command) => Promise<void> {
  const running = new Map<number, AbortController>();
  const { post } = session;
  return async (cmd) => {
    const { id } = cmd;
    if (cmd.scope === 'system' && cmd.type === 'cancel') {
      running.get(cmd.target)?.abort(new Error('Cancelled.'));
      post({ scope: 'system', type: 'done', id });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    try {
      await route(session, cmd, controller.signal);
      post({ scope: 'system', type: 'done', id });
    } catch (error) {
      const message = errorMessage(error);
      if (!(error instanceof Reported)) {
        post({ scope: 'system', type: 'error', message, context: `${cmd.scope}.${cmd.type}` });
      }
      post({ scope: 'system', type: 'failed', id, message });
    } finally {
      running.delete(id);
    }
  };
}
