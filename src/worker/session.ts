import type { LoadedDataset } from '../core/dataset/types.ts';

/** What the worker holds between commands: one studio session. */
export const session: {
  dataset: LoadedDataset | null;
} = {
  dataset: null,
};
