import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameBatch } from '../../src/studio/frameBatch.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('frameBatch', () => {
  it('turns a burst of requests into one flush before the next frame', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const flush = vi.fn();
    const request = frameBatch(flush);
    for (let i = 0; i < 50; i++) request();
    expect(flush).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    expect(flush).toHaveBeenCalledTimes(1);
    // The fallback timer was cleared with the frame: no second flush.
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledTimes(1);
    // A later request schedules a new flush.
    request();
    expect(frames).toHaveLength(2);
  });

  it('still flushes when no frame comes (a hidden page, or Node)', () => {
    vi.useFakeTimers();
    const flush = vi.fn();
    const request = frameBatch(flush);
    request();
    request();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
