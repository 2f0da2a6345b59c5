import { assertNever } from '../domain/never.ts';
import type { TrainingCommand } from '../protocol/training.ts';
import { evaluate } from './evaluation.ts';
import type { Session } from './session.ts';

export async function handleTraining(session: Session, cmd: TrainingCommand): Promise<void> {
  const runs = session.runs;
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
    case 'evaluate':
      return evaluate(session);
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
