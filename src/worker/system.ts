import { assertNever } from '../domain/never.ts';
import type { SystemCommand } from '../protocol/system.ts';
import type { Session } from './session.ts';

async function init(session: Session, forced: SystemCommand & { type: 'init' }): Promise<void> {
  const { post, platform, faults } = session;
  post({ scope: 'system', type: 'lifecycle', stage: 'choosing-backend' });
  const backend = await platform.startBackend(forced.forcedBackend, undefined, forced.kernels);
  session.backend = backend;
  faults.watchDevice(session);
  post({ scope: 'system', type: 'backend', backend });
  post({ scope: 'system', type: 'lifecycle', stage: 'ready' });
  await session.runs.announceResumable();
}

export async function handleSystem(session: Session, cmd: SystemCommand): Promise<void> {
  switch (cmd.type) {
    case 'init':
      session.ready ??= init(session, cmd);
      return session.ready;
    case 'ping':
    case 'cancel':
      // Answered by the dispatcher.
      return;
    case 'simulate':
      session.faults.simulate(cmd.fault);
      return;
    default:
      assertNever(cmd, 'system command');
  }
}
