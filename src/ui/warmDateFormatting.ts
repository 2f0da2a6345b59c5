/**
 * A page's first locale date formatting loads the locale's data: some 15 ms of main
 * thread for a time, and again for a date and time. This pays each in an idle moment of
 * its own after start-up, so that no later render (a dataset's "loaded at", the runs
 * table) pays it inside a frame. Returns a cancel function.
 */
export function warmDateFormatting(): () => void {
  const formats = [() => new Date(0).toLocaleTimeString(), () => new Date(0).toLocaleString()];
  let cancel = () => {};
  const next = () => {
    const format = formats.shift();
    if (!format) return;
    format();
    cancel = whenIdle(next);
  };
  cancel = whenIdle(next);
  return () => cancel();
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run);
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
