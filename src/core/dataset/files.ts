/**
 * A dropped file as the engine sees it: a browser `File` satisfies this, and
 * so does a Node `File` (or a `Blob` from `fs.openAsBlob` with a name), so the
 * same loader runs in both. Bytes are read on demand with `slice`, never all
 * at once.
 */
export type DatasetFile = Blob & { readonly name: string };

export type Progress = (stage: string, done: number, total: number) => void;

/** Reads `length` bytes at `offset`; fewer when the file ends first. */
export async function readRange(file: Blob, offset: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
}

/**
 * Lets queued messages (a cancel, a newer drop) through during a long
 * synchronous-looking loop: awaiting a promise alone never leaves the
 * microtask queue, so the worker would read no message until the loop ended.
 */
export function makeYielder(everyMs = 50): (signal?: AbortSignal) => Promise<void> {
  let last = performance.now();
  return async (signal) => {
    if (performance.now() - last < everyMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
    signal?.throwIfAborted();
  };
}
