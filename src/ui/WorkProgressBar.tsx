import { useRef } from 'react';
import type { WorkCount } from '../domain/training.ts';
import { ProgressMeter } from './ProgressMeter.tsx';
import { describeWork, type WorkSample, workFraction, workRate } from './workRate.ts';

/** Remembers where a pass started, so its rate spans the whole pass seen so far. */
function usePassStart(work: WorkCount): WorkSample {
  const start = useRef<{ label: string; total: number; sample: WorkSample } | null>(null);
  const s = start.current;
  if (!s || s.label !== work.label || s.total !== work.total || work.done < s.sample.done) {
    start.current = {
      label: work.label,
      total: work.total,
      sample: { done: work.done, at: performance.now() },
    };
  }
  return (start.current as { sample: WorkSample }).sample;
}

/** A long forward-only pass (feature caching, evaluation): its fraction, speed and time left. */
export function WorkProgressBar({ work, label }: { work: WorkCount; label: string }) {
  const first = usePassStart(work);
  const rate = workRate(first, { done: work.done, at: performance.now() }, work.total);
  const percent = Math.round(workFraction(work) * 100);
  const text = describeWork(work, rate);
  return <ProgressMeter label={label} percent={percent} text={text} />;
}
