import { describe, expect, it } from 'vitest';
import { describeWork, workFraction, workRate } from '../../src/ui/workRate.ts';

describe('rate and time left of a long pass', () => {
  it('measures images per second between two samples and the time the rest takes', () => {
    // 850 images in 10 s is 85/s; 24,000 − 1,234 left at that pace.
    const rate = workRate({ done: 384, at: 0 }, { done: 1234, at: 10_000 }, 24_000);
    expect(rate.perSecond).toBeCloseTo(85);
    expect(rate.etaSeconds).toBeCloseTo((24_000 - 1234) / 85);
  });

  it('gives no rate before anything moved or over too short a span', () => {
    expect(workRate({ done: 10, at: 0 }, { done: 10, at: 5000 }, 100)).toEqual({
      perSecond: null,
      etaSeconds: null,
    });
    expect(workRate({ done: 10, at: 0 }, { done: 20, at: 100 }, 100).perSecond).toBeNull();
  });

  it('says the phase, the count, the speed and the time left', () => {
    const work = { label: 'Caching train features', done: 1234, total: 24_000 };
    const text = describeWork(work, { perSecond: 85, etaSeconds: 240 });
    expect(text).toBe('Caching train features · 1,234 / 24,000 images · 85 img/s · 04:00 left');
    expect(describeWork(work, { perSecond: null, etaSeconds: null })).toBe(
      'Caching train features · 1,234 / 24,000 images · measuring speed…',
    );
  });

  it('bounds the fraction to 0..1, 0 for an empty pass', () => {
    expect(workFraction({ label: 'Evaluating', done: 300, total: 3000 })).toBeCloseTo(0.1);
    expect(workFraction({ label: 'Evaluating', done: 5, total: 0 })).toBe(0);
  });
});
