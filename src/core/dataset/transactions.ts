import type { SplitOptions } from '../../domain/dataset.ts';
import { generateSample, type SampleOptions, sampleAsFiles } from '../sample/generate.ts';
import type { CurrentDataset, DemoParams } from './current.ts';
import type { DatasetFile, Progress } from './files.ts';
import { loadDataset, NeedsMapping } from './load.ts';
import { describeDrop } from './loads.ts';
import type { LoadedDataset } from './types.ts';

export interface DroppedFiles {
  files: readonly DatasetFile[];
  /** Each file's path inside a dropped folder; '' for a file dropped alone. */
  paths: readonly string[];
  options: SplitOptions;
}

/** Runs `load` as the one load in flight; only a load that was not aborted replaces the data. */
async function transaction(
  data: CurrentDataset,
  what: string,
  demo: DemoParams | null,
  load: (signal: AbortSignal) => ReturnType<typeof loadDataset>,
  cancelledBy?: AbortSignal,
): Promise<LoadedDataset> {
  const signal = data.loads.begin(what, cancelledBy);
  data.pending = null;
  try {
    const loaded = await load(signal);
    signal.throwIfAborted();
    data.replace(loaded.indexed, demo);
    return loaded.dataset;
  } catch (error) {
    if (error instanceof NeedsMapping && !signal.aborted) data.pending = error.indexed;
    throw error;
  } finally {
    data.loads.end(signal);
  }
}

/**
 * Loads dropped files (a zip or a folder, and the label files) as one
 * transaction; `cancelledBy` cancels it (and no newer one).
 */
export function loadDropped(
  data: CurrentDataset,
  { files, paths, options }: DroppedFiles,
  progress: Progress,
  cancelledBy?: AbortSignal,
): Promise<LoadedDataset> {
  const folder = paths.find((p) => p.includes('/'))?.split('/')[0] ?? null;
  const alone = files.filter((_, i) => !paths[i]?.includes('/')).map((f) => f.name);
  return transaction(
    data,
    describeDrop(alone, folder),
    null,
    (signal) => loadDataset(files, options, progress, { paths, signal }),
    cancelledBy,
  );
}

/** Generates the demo dataset and loads it as one transaction. */
export function loadDemo(
  data: CurrentDataset,
  demo: DemoParams,
  options: SplitOptions,
  progress: Progress,
  encode?: SampleOptions['encode'],
): Promise<LoadedDataset> {
  return transaction(data, 'the demo dataset', demo, async (signal) => {
    const sample = await generateSample({
      ...demo,
      onProgress: progress,
      ...(encode ? { encode } : {}),
    });
    signal.throwIfAborted();
    return loadDataset(sampleAsFiles(sample), options, progress, { synthetic: true, signal });
  });
}
