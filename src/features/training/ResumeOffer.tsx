import { useActions, useStudio } from '../../studio/useStudio.ts';

/** After a reload or crash: the interrupted run and a way to continue it. */
export function ResumeOffer() {
  const actions = useActions();
  const run = useStudio((s) => s.training.resumable);
  if (!run) return null;
  return (
    <div className="warning" role="note" aria-label="Interrupted run">
      <p>
        The run “{run.name}” was interrupted after epoch {run.epochsDone} of {run.epochsTotal}{' '}
        (checkpoint saved {new Date(run.savedAt).toLocaleTimeString()}).
      </p>
      <button type="button" onClick={() => void actions.training.resumeRun(run.id)}>
        Resume run
      </button>
    </div>
  );
}
