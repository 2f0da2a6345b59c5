import { headParamCount, vgg16ParamCount } from '../core/model/architecture.ts';
import { planClassifierSummary } from '../core/model/summary.ts';
import {
  filesSource,
  type SourceOptions,
  weightsFromFiles,
  weightsFromUrl,
} from '../core/model/weightSources.ts';
import { type ModelOptions, modelOptionsProblems } from '../domain/model.ts';
import { assertNever } from '../domain/never.ts';
import type { ModelCommand } from '../protocol/model.ts';
import { errorMessage, Reported, reported } from './port.ts';
import type { Session } from './session.ts';

function configure(session: Session, options: ModelOptions, phase: 'frozen' | 'fine-tune'): void {
  const problems = modelOptionsProblems(options);
  if (problems.length > 0) {
    const message = problems.join('; ');
    throw reported(
      session.post,
      { scope: 'model', type: 'failed', what: 'options', message },
      message,
    );
  }
  session.post({
    scope: 'model',
    type: 'summary',
    summary: planClassifierSummary(options, phase === 'frozen' ? null : options.unfreezeFromBlock),
    baseParams: vgg16ParamCount(),
    headParams: headParamCount(options.inputSize, options.head),
  });
}

/** A failed load was shown by the weights status already: the command only fails. */
const shown = (error: unknown) => {
  throw new Reported(errorMessage(error));
};

export async function handleModel(
  session: Session,
  cmd: ModelCommand,
  signal: AbortSignal,
): Promise<void> {
  switch (cmd.type) {
    case 'configure':
      configure(session, cmd.options, cmd.phase);
      // Weights kept from an earlier visit come back without the file or the network.
      return session.weights.restoreOnce();
    case 'load-weights-files': {
      const { files } = cmd;
      const read = (o: SourceOptions) => weightsFromFiles(files, o);
      return session.weights.load(filesSource(files), read, signal).catch(shown);
    }
    case 'load-weights-url': {
      const online = typeof navigator === 'undefined' || navigator.onLine;
      const read = (o: SourceOptions) => weightsFromUrl(cmd.url, { ...o, online });
      return session.weights.load(cmd.url, read, signal).catch(shown);
    }
    default:
      assertNever(cmd, 'model command');
  }
}
