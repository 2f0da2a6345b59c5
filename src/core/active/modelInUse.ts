import type * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../../domain/backend.ts';
import type { DatasetSummary } from '../../domain/dataset.ts';
import { type ActiveModel, type ModelMetadata, modelNameProblem } from '../../domain/export.ts';
import type { TestResults, WorkCount } from '../../domain/training.ts';
import type { ImageDecoder, LoadedDataset } from '../dataset/types.ts';
import { evaluateOnTest } from '../evaluation/evaluate.ts';
import { buildMetadata, renamed, testMetrics } from '../export/metadata.ts';
import type { LoadedModel } from '../export/zip.ts';
import type { Trainer } from '../training/trainer.ts';

/** A model loaded from browser storage or a zip, and where it came from. */
export interface LoadedInUse extends LoadedModel {
  origin: string;
}

/** What metadata records about the platform and data around a trained model. */
export interface UseContext {
  backend: BackendInfo | null;
  dataset: DatasetSummary | null;
}

export interface ResolvedModel {
  model: tf.LayersModel;
  metadata: ModelMetadata;
  info: ActiveModel;
}

export interface EvaluationHooks {
  /** `work` counts the test images done while the pass runs. */
  status(message: string, work?: WorkCount): void;
  notice(message: string): void;
  skipped(entries: { name: string; reason: string }[]): void;
}

function infoOf(metadata: ModelMetadata, source: ActiveModel['source'], origin: string) {
  const { name, inputSize, classNames, threshold, history } = metadata;
  return { source, name, origin, inputSize, classNames, threshold, history };
}

/**
 * The model predictions, evaluation, saving and downloads use: a loaded one
 * first, else the last trained. Owns (and disposes) both.
 */
export class ModelInUse {
  private trainer: Trainer | null = null;
  private lastTest: TestResults | null = null;
  private loadedModel: LoadedInUse | null = null;

  get trained(): Trainer | null {
    return this.trainer;
  }

  get loaded(): LoadedInUse | null {
    return this.loadedModel;
  }

  /** A new run replaces the trained model; its test results go with it. */
  setTrained(trainer: Trainer | null): void {
    if (this.trainer !== trainer) this.trainer?.dispose();
    this.trainer = trainer;
    this.lastTest = null;
  }

  load(loaded: LoadedInUse): void {
    if (this.loadedModel?.model !== loaded.model) this.loadedModel?.model.dispose();
    this.loadedModel = loaded;
  }

  unload(): void {
    this.loadedModel?.model.dispose();
    this.loadedModel = null;
  }

  /** The model in use with its metadata; `threshold` overrides the recorded one. */
  resolve(threshold: number | null, context: UseContext): ResolvedModel {
    const loaded = this.loadedModel;
    if (loaded) {
      const metadata = threshold === null ? loaded.metadata : { ...loaded.metadata, threshold };
      return { model: loaded.model, metadata, info: infoOf(metadata, 'loaded', loaded.origin) };
    }
    const trainer = this.trainer;
    if (!trainer) throw new Error('Train a model or load one first: there is no model to use yet.');
    const test = this.lastTest;
    const metadata = buildMetadata({
      name: trainer.name,
      runId: trainer.runId,
      exportedAt: new Date(),
      classNames: trainer.classNames,
      inputSize: trainer.config.model.inputSize,
      threshold: threshold ?? test?.threshold ?? 0.5,
      config: trainer.config,
      history: trainer.history,
      test: test ? testMetrics(test) : null,
      backend: context.backend,
      randomWeights: trainer.randomWeights,
      dataset: context.dataset,
    });
    return {
      model: trainer.classifier.full,
      metadata,
      info: infoOf(metadata, 'trained', 'this session'),
    };
  }

  /** The model in use as it is saved or downloaded under `name`: a name both a file and tfjs accept. */
  named(name: string, threshold: number, context: UseContext): ResolvedModel {
    const problem = modelNameProblem(name);
    if (problem) throw new Error(problem);
    const resolved = this.resolve(threshold, context);
    return { ...resolved, metadata: renamed(resolved.metadata, name, threshold) };
  }

  /** What the page shows as the model in use; null when there is none. */
  info(context: UseContext): ActiveModel | null {
    return this.loadedModel || this.trainer ? this.resolve(null, context).info : null;
  }

  /**
   * Evaluates on `dataset`'s test split the model in use, or the trained
   * one (after a run, even while a loaded model is in use). The results are
   * kept for export metadata.
   */
  async evaluate(
    which: 'in-use' | 'trained',
    dataset: LoadedDataset | null,
    decoder: ImageDecoder,
    hooks: EvaluationHooks,
  ): Promise<TestResults | null> {
    if (!dataset) throw new Error('Load a dataset first (Dataset step): its test split is used.');
    const loaded = which === 'in-use' ? this.loadedModel : null;
    const trainer = this.trainer;
    if (!loaded && !trainer) throw new Error('Train a model first: there is nothing to evaluate.');
    const metadata = loaded?.metadata;
    const name = metadata?.name ?? trainer?.name ?? '';
    const classNames = metadata?.classNames ?? trainer?.classNames ?? dataset.classNames;
    if (classNames.join('/') !== dataset.classNames.join('/')) {
      hooks.notice(
        `The model's classes (${classNames.join(', ')}) differ from the dataset's (${dataset.classNames.join(', ')}): its class 1 is read as the dataset's class 1.`,
      );
    }
    hooks.status(`Evaluating “${name}” on the test set…`);
    const results = await evaluateOnTest({
      model: loaded ? loaded.model : (trainer as Trainer).classifier.full,
      dataset,
      decoder,
      inputSize: metadata?.inputSize ?? (trainer as Trainer).config.model.inputSize,
      randomWeights: metadata
        ? metadata.baseWeights === 'random'
        : (trainer as Trainer).randomWeights,
      threshold: metadata?.threshold,
      batchSize: loaded ? undefined : trainer?.forwardBatch,
      onSkipped: hooks.skipped,
      onProgress: (done, total) =>
        hooks.status(`Evaluating “${name}” on the test set: ${done}/${total}`, {
          label: 'Evaluating',
          done,
          total,
        }),
    });
    if (!results) {
      hooks.notice('The test split is empty: no test results.');
      return null;
    }
    if (loaded) loaded.metadata = { ...loaded.metadata, test: testMetrics(results) };
    else this.lastTest = results;
    return results;
  }
}
