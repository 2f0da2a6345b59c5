import { useEffect, useState } from 'react';
import type { AugmentParams, SplitOptions } from '../../domain/dataset.ts';
import type { TrainingStatus } from '../../domain/training.ts';
import { useActions, useStudio } from '../../studio/useStudio.ts';
import type { DroppedFiles } from './droppedFiles.ts';

/** A run in these states holds the dataset in use. */
const TRAINING: readonly TrainingStatus[] = ['preparing', 'running', 'paused', 'stopping'];

/** "img_align_celeba.zip and 2 more files", or "the folder img_align_celeba". */
export function describeFiles({ files, paths }: DroppedFiles): string {
  const folder = paths.find((p) => p.includes('/'))?.split('/')[0];
  if (folder) return `the folder ${folder}`;
  const [first] = files;
  if (!first) return 'nothing';
  return files.length === 1 ? first.name : `${first.name} and ${files.length - 1} more files`;
}

/**
 * Sends loads, one transaction each (the worker cancels an older one), and
 * never mixes data into a run: a drop while training waits for an answer,
 * then stops the run or waits for it to end.
 */
export function useLoads(settings: { split: SplitOptions; augment: AugmentParams }) {
  const actions = useActions();
  const status = useStudio((s) => s.training.status);
  const training = TRAINING.includes(status);
  const [asking, setAsking] = useState<DroppedFiles | null>(null);
  const [queued, setQueued] = useState<DroppedFiles | null>(null);

  const send = (dropped: DroppedFiles) =>
    actions.dataset.load(dropped, settings.split, settings.augment);

  // A queued drop loads as soon as no run holds the data.
  useEffect(() => {
    if (queued && !training) {
      setQueued(null);
      void send(queued);
    }
  });

  return {
    asking,
    queued,
    /** The load's answer, or null while the page asks what to do with the run. */
    load(dropped: DroppedFiles): Promise<boolean> | null {
      if (!training) return send(dropped);
      setAsking(dropped);
      return null;
    },
    stopAndLoad() {
      void actions.training.stop();
      setQueued(asking);
      setAsking(null);
    },
    queue() {
      setQueued(asking);
      setAsking(null);
    },
    discard() {
      setAsking(null);
      setQueued(null);
    },
    cancel() {
      void actions.dataset.cancel();
    },
  };
}
