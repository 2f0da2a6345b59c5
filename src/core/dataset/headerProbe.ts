import type { Progress } from './files.ts';
import { headProblem } from './imageFormats.ts';

/** Images whose first bytes are read together (one slice of a zip, a few files of a folder). */
export type HeadGroup<T> = readonly (readonly [path: string, item: T])[];

/** Reads the first bytes of each item of a group; null where they cannot be read (left to decoding to report). */
export type HeadReader<T> = (items: readonly T[]) => Promise<(Uint8Array | null)[]>;

/** Groups read at once: a few, so the disk stays busy while the memory held stays small. */
const CONCURRENCY = 16;
/** Progress is reported at most this often. */
const PROGRESS_MS = 100;

/** How a check reports its progress, and how many groups it reads at once. */
export interface ProbeOptions {
  stage: string;
  total: number;
  onProgress: Progress;
  /** Groups read at once (16 unless given); 1 reads them in order, for a reader that reads front to back. */
  lanes?: number;
}

/**
 * Checks that every image is one the decoder reads, by its first bytes rather
 * than its extension: groups are read a few at a time, and each image that
 * fails is passed to `exclude` with what it is ("a WebP image: …").
 */
export async function probeHeads<T>(
  groups: Iterator<HeadGroup<T>>,
  read: HeadReader<T>,
  exclude: (path: string, why: string) => void,
  options: ProbeOptions,
  signal?: AbortSignal,
): Promise<void> {
  const { stage, total, onProgress, lanes = CONCURRENCY } = options;
  let done = 0;
  let reported = performance.now();
  onProgress(stage, 0, total);
  const lane = async () => {
    for (let next = groups.next(); !next.done; next = groups.next()) {
      const group = next.value;
      // A read that fails leaves its images to be reported when they are decoded.
      const heads = await read(group.map(([, item]) => item)).catch(() => []);
      signal?.throwIfAborted();
      for (const [i, [path]] of group.entries()) {
        const head = heads[i];
        const why = head ? headProblem(head) : null;
        if (why) exclude(path, why);
      }
      done += group.length;
      if (performance.now() - reported >= PROGRESS_MS) {
        reported = performance.now();
        onProgress(stage, done, total);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  onProgress(stage, total, total);
}

/** Splits entries into groups of `size`, lazily. */
export function* chunks<T>(entries: Iterable<readonly [string, T]>, size: number) {
  let group: (readonly [string, T])[] = [];
  for (const entry of entries) {
    group.push(entry);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}
