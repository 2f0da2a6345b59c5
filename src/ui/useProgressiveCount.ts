import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` items to show: `perFrame` at first, `perFrame` more each frame
 * until all are shown, so a long list of heavy items (canvases) never mounts in one task.
 * Each step renders as a transition, which React builds in slices between frames; an
 * update outside one would render the newly shown items in a single task.
 */
export function useProgressiveCount(total: number, perFrame: number): number {
  const [shown, setShown] = useState(perFrame);
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => startTransition(() => setShown((n) => n + perFrame)));
    return () => cancelAnimationFrame(frame);
  }, [shown, total, perFrame]);
  return Math.min(shown, total);
}
