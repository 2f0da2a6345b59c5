import { formatCount } from '../domain/model.ts';
import type { WorkCount } from '../domain/training.ts';
import { formatDuration } from './formatDuration.ts';

/** How far a pass had got at a moment (milliseconds on any steady clock). */
export interface WorkSample {
  done: number;
  at: number;
}

/** Shortest span a rate is measured over; earlier it would be mostly noise. */
const MIN_SPAN_MS = 500;

/** Images per second between two samples and the seconds left at that pace (null until measurable). */
export function workRate(
  first: WorkSample,
  latest: WorkSample,
  total: number,
): { perSecond: number | null; etaSeconds: number | null } {
  const span = latest.at - first.at;
  const gained = latest.done - first.done;
  if (span < MIN_SPAN_MS || gained <= 0) return { perSecond: null, etaSeconds: null };
  const perSecond = (gained * 1000) / span;
  return { perSecond, etaSeconds: Math.max(0, total - latest.done) / perSecond };
}

/** The pass in words: "Caching train features · 1,234 / 24,000 images · 85 img/s · 04:00 left". */
export function describeWork(
  work: WorkCount,
  rate: { perSecond: number | null; etaSeconds: number | null },
): string {
  const count = `${formatCount(work.done)} / ${formatCount(work.total)} images`;
  const speed =
    rate.perSecond === null
      ? 'measuring speed…'
      : `${rate.perSecond.toFixed(rate.perSecond < 10 ? 1 : 0)} img/s`;
  const left = rate.etaSeconds === null ? null : `${formatDuration(rate.etaSeconds)} left`;
  return [work.label, count, speed, left].filter((p) => p !== null).join(' · ');
}

/** The pass's own fraction done, 0..1. */
export function workFraction(work: WorkCount): number {
  return work.total > 0 ? Math.min(1, Math.max(0, work.done / work.total)) : 0;
}
