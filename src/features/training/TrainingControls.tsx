import type { TrainingStatus } from '../../domain/training.ts';

interface Props {
  status: TrainingStatus;
  canStart: boolean;
  whyNot: string | null;
  onStart: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

const BUSY: TrainingStatus[] = ['preparing', 'running', 'paused', 'stopping'];

export function isBusy(status: TrainingStatus): boolean {
  return BUSY.includes(status);
}

export function TrainingControls({
  status,
  canStart,
  whyNot,
  onStart,
  onPause,
  onResume,
  onStop,
}: Props) {
  const busy = isBusy(status);
  return (
    <div className="row">
      <button
        type="button"
        onClick={onStart}
        disabled={busy || !canStart}
        aria-describedby={!busy && whyNot ? 'start-why-not' : undefined}
      >
        Start training
      </button>
      <button type="button" className="secondary" onClick={onPause} disabled={status !== 'running'}>
        Pause
      </button>
      <button type="button" className="secondary" onClick={onResume} disabled={status !== 'paused'}>
        Resume
      </button>
      <button
        type="button"
        className="secondary"
        onClick={onStop}
        disabled={!busy || status === 'stopping'}
      >
        Stop
      </button>
      {!busy && whyNot && (
        <span id="start-why-not" className="muted">
          {whyNot}
        </span>
      )}
    </div>
  );
}
