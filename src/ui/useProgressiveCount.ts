import { useEffect, useState } from 'react';

/**
 * How many of `total` items to show: `perFrame` at first, `perFrame` more each frame
 * until all are shown, so a long list of heavy items (canvases) never mounts in one task.
 */
export function useProgressiveCount(total: number, perFrame: number): number {
  const [shown, setShown] = useState(perFrame);
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + perFrame));
    return () => cancelAnimationFrame(frame);
  }, [shown, total, perFrame]);
  return Math.min(shown, total);
}
