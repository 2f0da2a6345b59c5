import type { TrainingStatus } from '../../domain/training.ts';
import { useActions, useBusy, useStudio } from '../../studio/useStudio.ts';
import { Step } from '../../ui/Step.tsx';
import { WorkProgressBar } from '../../ui/WorkProgressBar.tsx';
import { TestResultsView } from './TestResultsView.tsx';

const BUSY: readonly TrainingStatus[] = ['preparing', 'running', 'paused', 'stopping'];

export function EvaluationStep() {
  const actions = useActions();
  const test = useStudio((s) => s.evaluation.test);
  const progress = useStudio((s) => s.evaluation.message);
  const notices = useStudio((s) => s.evaluation.notices);
  const work = useStudio((s) => s.evaluation.work);
  const [evaluating, track] = useBusy();
  const status = useStudio((s) => s.training.status);
  // A model loaded in the Export step can be evaluated too.
  const trained = useStudio((s) => s.training.history.length > 0 || s.export.loaded !== null);
  const synthetic = useStudio((s) => s.dataset.summary?.synthetic ?? false);
  const message = useStudio((s) => s.training.message);
  const reason = evaluating
    ? (progress ?? 'Evaluating on the test set…')
    : BUSY.includes(status)
      ? status === 'preparing' && message
        ? message
        : 'Training is in progress; evaluate when it has finished or stopped.'
      : !trained && !test
        ? 'Train a model first: there is nothing to evaluate yet.'
        : null;
  return (
    <Step
      id="evaluation"
      intro="Test accuracy, confusion matrix, ROC curve and the images the model got wrong."
    >
      <div className="row">
        <button
          type="button"
          disabled={reason !== null}
          aria-describedby={reason ? 'evaluation-reason' : undefined}
          onClick={() => track(actions.evaluation.evaluate())}
        >
          Evaluate on test set
        </button>
        {reason && (
          <span id="evaluation-reason" className="hint">
            {reason}
          </span>
        )}
      </div>
      {evaluating && work && <WorkProgressBar work={work} label="Evaluation progress" />}
      {notices.length > 0 && (
        <ul className="notices" aria-label="Evaluation notices">
          {notices.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: notices only ever append, so the index is a stable key
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {test ? (
        <TestResultsView results={test} synthetic={synthetic} />
      ) : (
        <p className="empty">No test results yet.</p>
      )}
    </Step>
  );
}
