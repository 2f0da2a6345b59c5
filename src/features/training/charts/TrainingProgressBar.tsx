import type { TrainingProgress, TrainingStatus } from '../../../domain/training.ts';
import { formatDuration } from '../../../ui/formatDuration.ts';
import { ProgressMeter } from '../../../ui/ProgressMeter.tsx';

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
  return (
    <ProgressMeter
      label="Training progress"
      percent={percent}
      text={text}
      lead={
        <>
          <span className="progress-status">{status}</span> ·{' '}
        </>
      }
    />
  );
}
