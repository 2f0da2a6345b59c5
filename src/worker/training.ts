import { assertNever } from '../domain/never.ts';
import type { TrainingCommand } from '../protocol/training.ts';
import type { Session } from './session.ts';

/** Cancelling a command that trains stops the run after its current batch. */
function stopOnCancel(session: Session, signal: AbortSignal): void {
  signal.addEventListener('abort', () => session.runs.stop(), { once: true });
}

export async function handleTraining(
  session: Session,
  cmd: TrainingCommand,
  signal: AbortSignal,
): Promise<void> {
  const runs = session.runs;
  if (cmd.type === 'start' || cmd.type === 'resume-run' || cmd.type === 'queue') {
    stopOnCancel(session, signal);
  }
  switch (cmd.type) {
    case 'start':
      await runs.start(cmd.config, cmd.name);
      return;
    case 'pause':
      return runs.pause();
    case 'resume':
      return runs.resume();
    case 'stop':
      return runs.stop();
    case 'resume-run':
      await runs.resumeRun(cmd.runId);
      return;
    case 'queue':
      return runs.queueGrid(cmd.configs, cmd.name);
    case 'list-runs':
      return runs.listRuns();
    case 'delete-run':
      return runs.deleteRun(cmd.runId);
    default:
      assertNever(cmd, 'training command');
  }
}
