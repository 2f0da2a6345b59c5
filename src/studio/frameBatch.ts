/** The longest a change waits when the page draws no frames (a hidden tab). */
const FALLBACK_MS = 100;

/**
 * Returns `request`, which calls `flush` once before the next frame however often it
 * is called in between: a burst of worker events becomes one render, not one each.
 */
export function frameBatch(flush: () => void): () => void {
  let pending = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!pending) return;
    pending = false;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  return () => {
    if (pending) return;
    pending = true;
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
    timer = setTimeout(run, FALLBACK_MS);
  };
}
