import type { ReactNode } from 'react';

/** A labelled progress bar whose text sits inside it, so its role carries what a person reads. */
export function ProgressMeter({
  label,
  percent,
  text,
  lead,
}: {
  label: string;
  percent: number;
  text: string;
  /** Shown before the percentage (the run's status), not part of the value text. */
  lead?: ReactNode;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
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
        {lead}
        {percent}% · {text}
      </p>
    </div>
  );
}
