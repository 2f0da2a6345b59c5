import type { AugmentParams, LabelMapping, SplitOptions } from '../domain/dataset.ts';
import type { ModelOptions } from '../domain/model.ts';
import type { RunConfig } from '../domain/training.ts';
import type { CommandBody } from '../protocol/index.ts';
import type { RequestOptions, StudioClient } from './client.ts';

/**
 * Everything the page can ask of the worker, one function per command. Each
 * resolves true when the work is done and false when it failed or was
 * cancelled: the reason reaches the studio state, where the page shows it.
 */
export function studioActions(client: Pick<StudioClient, 'request'>) {
  const ask = (command: CommandBody, options?: RequestOptions): Promise<boolean> =>
    client.request(command, options).then(
      () => true,
      () => false,
    );
  const signalled = (signal?: AbortSignal) => (signal ? { signal } : undefined);
  return {
    dataset: {
      /** `paths`: each file's path inside a chosen or dropped folder, '' for a lone file. */
      load: (
        { files, paths }: { files: File[]; paths: string[] },
        options: SplitOptions,
        augment: AugmentParams,
        signal?: AbortSignal,
      ) =>
        ask({ scope: 'dataset', type: 'load', files, paths, options, augment }, signalled(signal)),
      /** Stops the load in flight; the dataset in use stays. */
      cancel: () => ask({ scope: 'dataset', type: 'cancel' }),
      loadDemo: (count: number, options: SplitOptions, augment: AugmentParams) =>
        ask({ scope: 'dataset', type: 'use-demo', count, options, augment }),
      configure: (mapping: LabelMapping | null, options: SplitOptions, augment: AugmentParams) =>
        ask({ scope: 'dataset', type: 'configure', mapping, options, augment }),
      preview: (augment: AugmentParams, count: number, seed: number) =>
        ask({ scope: 'dataset', type: 'preview', augment, count, seed }),
    },
    model: {
      configure: (options: ModelOptions, phase: 'frozen' | 'fine-tune') =>
        ask({ scope: 'model', type: 'configure', options, phase }),
      loadWeightsFiles: (files: File[], signal?: AbortSignal) =>
        ask({ scope: 'model', type: 'load-weights-files', files }, signalled(signal)),
      loadWeightsUrl: (url: string, signal?: AbortSignal) =>
        ask({ scope: 'model', type: 'load-weights-url', url }, signalled(signal)),
    },
    training: {
      start: (config: RunConfig, name: string | null = null, signal?: AbortSignal) =>
        ask({ scope: 'training', type: 'start', config, name }, signalled(signal)),
      pause: () => ask({ scope: 'training', type: 'pause' }),
      resume: () => ask({ scope: 'training', type: 'resume' }),
      stop: () => ask({ scope: 'training', type: 'stop' }),
      resumeRun: (runId: string, signal?: AbortSignal) =>
        ask({ scope: 'training', type: 'resume-run', runId }, signalled(signal)),
      queue: (configs: RunConfig[], name: string, signal?: AbortSignal) =>
        ask({ scope: 'training', type: 'queue', configs, name }, signalled(signal)),
      listRuns: () => ask({ scope: 'training', type: 'list-runs' }),
      deleteRun: (runId: string) => ask({ scope: 'training', type: 'delete-run', runId }),
    },
    evaluation: {
      evaluate: () => ask({ scope: 'evaluation', type: 'evaluate' }),
    },
    export: {
      listSaved: () => ask({ scope: 'export', type: 'list-saved' }),
      save: (name: string, threshold: number) =>
        ask({ scope: 'export', type: 'save', name, threshold }),
      download: (name: string, threshold: number) =>
        ask({ scope: 'export', type: 'download', name, threshold }),
      deleteSaved: (name: string) => ask({ scope: 'export', type: 'delete-saved', name }),
      loadSaved: (name: string) => ask({ scope: 'export', type: 'load-saved', name }),
      loadZip: (file: File) => ask({ scope: 'export', type: 'load-zip', file }),
      unload: () => ask({ scope: 'export', type: 'unload' }),
      /** The run as a PyTorch job for a cluster; the zip arrives as a download. */
      clusterJob: (config: RunConfig, name: string) =>
        ask({ scope: 'export', type: 'cluster-job', config, name }),
      predict: (image: Blob, fileName: string, threshold: number) =>
        ask({ scope: 'export', type: 'predict', image, fileName, threshold }),
    },
  };
}

export type StudioActions = ReturnType<typeof studioActions>;
