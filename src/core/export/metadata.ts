import type { BackendInfo } from '../../domain/backend.ts';
import type { DatasetSummary } from '../../domain/dataset.ts';
import type { ModelMetadata, Preprocessing, TestMetrics } from '../../domain/export.ts';
import { inputSizeProblem, isInputSize } from '../../domain/model.ts';
import type { EpochLog, RunConfig, TestResults } from '../../domain/training.ts';
import { CAFFE_MEAN_BGR } from '../model/preprocess.ts';
import { modelCard } from './modelCard.ts';

/** The preprocessing every studio model expects, applied outside the model. */
export function caffePreprocessing(inputSize: number): Preprocessing {
  return {
    mode: 'caffe',
    order: 'BGR',
    mean: [...CAFFE_MEAN_BGR],
    scale: 1,
    input: `RGB 0..255 resized to ${inputSize}×${inputSize}`,
  };
}

export function testMetrics(results: TestResults): TestMetrics {
  return {
    split: results.split,
    count: results.labels.length,
    loss: results.loss,
    accuracy: results.accuracy,
    auc: results.auc,
    threshold: results.threshold,
    confusion: results.confusion,
    perClass: results.perClass,
  };
}

export interface MetadataInput {
  name: string;
  runId: string | null;
  exportedAt: Date;
  classNames: [string, string];
  inputSize: number;
  threshold: number;
  config: RunConfig | null;
  history: readonly EpochLog[];
  test: TestMetrics | null;
  backend: BackendInfo | null;
  randomWeights: boolean;
  dataset: DatasetSummary | null;
}

function splitCounts(summary: DatasetSummary): Record<'train' | 'validation' | 'test', number> {
  const count = (name: string) => summary.splits.find((s) => s.name === name)?.count ?? 0;
  return { train: count('train'), validation: count('validation'), test: count('test') };
}

/** metadata.json for a model: everything another program needs to use it right. */
export function buildMetadata(input: MetadataInput): ModelMetadata {
  const s = input.inputSize;
  const partial = {
    classNames: input.classNames,
    inputSize: s,
    threshold: input.threshold,
    test: input.test,
    baseWeights: input.randomWeights ? ('random' as const) : ('imagenet' as const),
    dataset: input.dataset
      ? {
          synthetic: input.dataset.synthetic,
          labelColumn: input.dataset.mapping.labelColumn,
          splits: splitCounts(input.dataset),
        }
      : null,
  };
  return {
    format: 'celeba-studio-model',
    formatVersion: 1,
    name: input.name,
    runId: input.runId,
    exportedAt: input.exportedAt.toISOString(),
    output: `sigmoid probability of "${input.classNames[1]}" (class 1); class 0 is "${input.classNames[0]}"`,
    inputShape: [null, s, s, 3],
    preprocessing: caffePreprocessing(s),
    training: input.config,
    history: input.history.map((h) => ({ ...h })),
    backend: input.backend ? { name: input.backend.name, reason: input.backend.reason } : null,
    ...partial,
    modelCard: modelCard(partial),
  };
}

/** The same metadata under a new name (saving a loaded model again, say). */
export function renamed(metadata: ModelMetadata, name: string, threshold: number): ModelMetadata {
  return { ...metadata, name, threshold, exportedAt: new Date().toISOString() };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Checks what the studio relies on in a metadata.json it did not write
 * itself; `file` names the source in the message.
 */
export function parseMetadata(value: unknown, file: string): ModelMetadata {
  if (!isObject(value) || value.format !== 'celeba-studio-model') {
    throw new Error(
      `${file} is not a CelebA Studio metadata file (no "format": "celeba-studio-model").`,
    );
  }
  const names = value.classNames;
  if (!Array.isArray(names) || names.length !== 2 || !names.every((n) => typeof n === 'string')) {
    throw new Error(`${file}: "classNames" must list two class names.`);
  }
  const size = value.inputSize;
  if (!isInputSize(size)) throw new Error(`${file}: "inputSize" ${inputSizeProblem(size)}.`);
  const threshold = value.threshold;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
    throw new Error(`${file}: "threshold" must be a number between 0 and 1.`);
  }
  const pre = value.preprocessing;
  if (!isObject(pre) || pre.mode !== 'caffe') {
    throw new Error(`${file}: only "caffe" preprocessing is supported.`);
  }
  // Checked field by field above; the rest is informative only.
  return value as unknown as ModelMetadata;
}
