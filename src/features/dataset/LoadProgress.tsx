import { useRef } from 'react';
import { formatDuration } from '../../ui/formatDuration.ts';

export interface LoadProgressValue {
  stage: string;
  done: number;
  total: number;
}

/** Rate and time left of the current stage, from when its first progress arrived. */
function useRate(progress: LoadProgressValue): { perSecond: number; secondsLeft: number } | null {
  const start = useRef<{ stage: string; at: number; done: number } | null>(null);
  const now = performance.now();
  if (start.current?.stage !== progress.stage) {
    start.current = { stage: progress.stage, at: now, done: progress.done };
  }
  const seconds = (now - start.current.at) / 1000;
  const items = progress.done - start.current.done;
  if (seconds < 0.5 || items <= 0) return null;
  const perSecond = items / seconds;
  return { perSecond, secondsLeft: Math.max(0, progress.total - progress.done) / perSecond };
}

/** A long load's progress: how far, how fast, how long still; and a way to stop it. */
export function LoadProgress({
  progress,
  onCancel,
}: {
  progress: LoadProgressValue;
  onCancel: () => void;
}) {
  const rate = useRate(progress);
  const unit = progress.stage.startsWith('Indexing')
    ? 'entries'
    : progress.stage.startsWith('Checking image headers')
      ? 'images'
      : 'items';
  return (
    <div className="row">
      <label>
        {progress.stage} ({progress.done.toLocaleString('en-US')} /{' '}
        {progress.total > 0 ? progress.total.toLocaleString('en-US') : '…'})
        <progress aria-label="Dataset progress" value={progress.done} max={progress.total || 1} />
      </label>
      {rate && (
        <span className="intro">
          {Math.round(rate.perSecond).toLocaleString('en-US')} {unit}/s
          {progress.total > 0 && ` · about ${formatDuration(rate.secondsLeft)} left`}
        </span>
      )}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel loading
      </button>
    </div>
  );
}
