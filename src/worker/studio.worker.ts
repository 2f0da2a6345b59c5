/// <reference lib="webworker" />
import { assertNever } from '../domain/never.ts';
import { type Command, isStudioMessage } from '../protocol/index.ts';
import type { SystemCommand } from '../protocol/system.ts';
import { startBackend } from './backends.ts';
import { handleDataset } from './dataset.ts';
import { handleExport } from './exporting.ts';
import { isFatal, simulateFault, watchDevice } from './faults.ts';
import { handleModel } from './model.ts';
import { post, reportError } from './port.ts';
import { session } from './session.ts';
import { announceResumable, handleTraining } from './training.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let backendReady: Promise<void> | null = null;

async function handleSystem(cmd: SystemCommand): Promise<void> {
  switch (cmd.type) {
    case 'init': {
      if (backendReady) return backendReady;
      backendReady = (async () => {
        post({ scope: 'system', type: 'lifecycle', stage: 'choosing-backend' });
        const backend = await startBackend(cmd.forcedBackend);
        session.backend = backend;
        watchDevice();
        post({ scope: 'system', type: 'backend', backend });
        post({ scope: 'system', type: 'lifecycle', stage: 'ready' });
        await announceResumable();
      })();
      return backendReady;
    }
    case 'ping':
      post({ scope: 'system', type: 'pong', id: cmd.id });
      return;
    case 'simulate':
      simulateFault(cmd.fault);
      return;
    default:
      assertNever(cmd, 'system command');
  }
}

async function dispatch(cmd: Command): Promise<void> {
  switch (cmd.scope) {
    case 'system':
      return handleSystem(cmd);
    case 'dataset':
      return handleDataset(cmd);
    case 'model':
      return handleModel(cmd);
    case 'training':
      return handleTraining(cmd);
    case 'export':
      return handleExport(cmd);
    default:
      assertNever(cmd, 'command');
  }
}

scope.addEventListener('message', (message: MessageEvent<unknown>) => {
  const data = message.data;
  if (!isStudioMessage(data)) {
    reportError(new Error('Malformed message from the page'), null);
    return;
  }
  const cmd = data as Command;
  dispatch(cmd).catch((error: unknown) => reportError(error, `${cmd.scope}.${cmd.type}`));
});

scope.addEventListener('error', (event) => {
  // Left unhandled, a fatal error reaches the page, which restarts the worker.
  if (isFatal(event.error)) return;
  event.preventDefault();
  reportError(event.error ?? event.message, 'worker');
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  if (isFatal(event.reason)) {
    setTimeout(() => {
      throw event.reason;
    }, 0);
    return;
  }
  reportError(event.reason, 'worker');
});

post({ scope: 'system', type: 'lifecycle', stage: 'booting' });
