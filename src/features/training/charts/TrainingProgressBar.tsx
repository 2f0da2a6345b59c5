import type { TrainingProgress, TrainingStatus } from '../../../domain/training.ts';
import { formatDuration } from '../../../ui/formatDuration.ts';

/** Where training stands: phase, epoch, batch, speed and time left. */
export function TrainingProgressBar({
  progress,
  status,
}: {
  progress: TrainingProgress | null;
  status: TrainingStatus;
}) {
  const percent = progress ? Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100) : 0;
  const text = progress
    ? [
        `phase ${progress.phase}`,
        `epoch ${progress.epoch}/${progress.epochs}`,
        `batch ${progress.batch}/${progress.batches}`,
        `${progress.imagesPerSecond.toFixed(1)} images/s`,
        `ETA ${progress.etaSeconds === null ? '—' : formatDuration(progress.etaSeconds)}`,
      ].join(' · ')
    : 'Not started';
  // The text sits inside the progressbar so its role carries what a person reads.
  return (
    <div
      role="progressbar"
      aria-label="Training progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}% — ${text}`}
      className="training-progress"
    >
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-text">
        <span className="progress-status">{status}</span> · {percent}% · {text}
      </p>
    </div>
  );
}
