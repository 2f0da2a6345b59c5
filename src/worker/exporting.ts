import * as tf from '@tensorflow/tfjs';
import { rgbToPayload } from '../core/dataset/payload.ts';
import { predictImages } from '../core/evaluate/predict.ts';
import { testReport } from '../core/evaluate/report.ts';
import { buildMetadata, renamed, testMetrics } from '../core/export/metadata.ts';
import { predictRgb, verdict } from '../core/export/predict.ts';
import { buildModelZip, checkShape, loadModelZip } from '../core/export/zip.ts';
import type { ActiveModel, ModelMetadata, SavedModelInfo } from '../domain/export.ts';
import { modelNameProblem } from '../domain/export.ts';
import { assertNever } from '../domain/never.ts';
import type { ExportAction, ExportCommand } from '../protocol/export.ts';
import {
  deleteModelRecord,
  getModelRecord,
  listModelRecords,
  modelNotSavedError,
  putModelRecord,
  tfjsModelStored,
} from '../storage/models.ts';
import { workerDecoder } from './decode.ts';
import { errorMessage, post } from './port.ts';
import { session } from './session.ts';

const SCHEME = 'indexeddb://';

/** The model predictions, saving and downloads use: a loaded one first, else the last trained. */
function activeModel(threshold: number | null): {
  model: tf.LayersModel;
  metadata: ModelMetadata;
  info: ActiveModel;
} {
  const loaded = session.loaded;
  if (loaded) {
    const metadata = threshold === null ? loaded.metadata : { ...loaded.metadata, threshold };
    return {
      model: loaded.model,
      metadata,
      info: {
        source: 'loaded',
        name: metadata.name,
        origin: loaded.origin,
        inputSize: metadata.inputSize,
        classNames: metadata.classNames,
        threshold: metadata.threshold,
        history: metadata.history,
      },
    };
  }
  const trainer = session.trained;
  if (!trainer) throw new Error('Train a model or load one first: there is no model to use yet.');
  const test = session.lastTest;
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
    backend: session.backend,
    randomWeights: trainer.randomWeights,
    dataset: session.dataset?.summary ?? null,
  });
  return {
    model: trainer.classifier.full,
    metadata,
    info: {
      source: 'trained',
      name: trainer.name,
      origin: 'this session',
      inputSize: metadata.inputSize,
      classNames: metadata.classNames,
      threshold: metadata.threshold,
      history: metadata.history,
    },
  };
}

function busy(action: ExportAction, message: string): void {
  post({ scope: 'export', type: 'busy', action, message });
}

async function listSaved(): Promise<void> {
  const records = await listModelRecords();
  // tfjs's own store is the truth for weights; a record without them is shown as missing.
  const stored = await tf.io.listModels().catch(() => ({}) as Record<string, unknown>);
  const models: SavedModelInfo[] = records.map((r) => ({
    name: r.name,
    savedAt: r.savedAt,
    sizeBytes: r.sizeBytes,
    testAccuracy: r.metadata.test?.accuracy ?? null,
    inputSize: r.metadata.inputSize,
    missing: !(`${SCHEME}${r.name}` in stored),
  }));
  post({ scope: 'export', type: 'saved-list', models });
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The browser dropped a committed save: say whether the quota explains it. */
async function whyNotStored(sizeBytes: number): Promise<Error> {
  const estimate = await navigator.storage?.estimate().catch(() => null);
  const free = estimate?.quota !== undefined ? estimate.quota - (estimate.usage ?? 0) : null;
  if (free !== null && free < sizeBytes) {
    return new DOMException(
      `the model needs ${megabytes(sizeBytes)}, ${megabytes(Math.max(0, free))} are free`,
      'QuotaExceededError',
    );
  }
  // Storage estimates are coarse on purpose (and blind to some quotas): name the usual causes.
  return new Error(
    'the browser dropped the weights as it committed them, which it does when the storage quota is full or the disk fails',
  );
}

async function save(name: string, threshold: number): Promise<void> {
  const problem = modelNameProblem(name);
  if (problem) throw new Error(problem);
  const { model, metadata } = activeModel(threshold);
  busy('save', `Saving “${name}” to browser storage…`);
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
    const result = await model.save(`${SCHEME}${name}`);
    const info = result.modelArtifactsInfo;
    const sizeBytes =
      (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0);
    if (!(await tfjsModelStored(name))) {
      await tf.io.removeModel(`${SCHEME}${name}`).catch(() => undefined);
      throw await whyNotStored(sizeBytes);
    }
    try {
      await putModelRecord({
        name,
        savedAt: Date.now(),
        sizeBytes,
        metadata: renamed(metadata, name, threshold),
      });
    } catch (error) {
      // Weights without metadata would be a model the studio cannot describe: take them back out.
      await tf.io.removeModel(`${SCHEME}${name}`).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw modelNotSavedError(error);
  }
  post({ scope: 'export', type: 'saved', name });
  await listSaved();
}

async function download(name: string, threshold: number): Promise<void> {
  const problem = modelNameProblem(name);
  if (problem) throw new Error(problem);
  const { model, metadata } = activeModel(threshold);
  busy('download', 'Building the zip…');
  const bytes = await buildModelZip(model, renamed(metadata, name, threshold));
  const fileName = `${name.replace(/[^\w.+-]+/g, '-')}.zip`;
  post({ scope: 'export', type: 'download', fileName, bytes }, [bytes]);
}

function setLoaded(loaded: NonNullable<typeof session.loaded>): void {
  session.loaded?.model.dispose();
  session.loaded = loaded;
  post({ scope: 'export', type: 'active', model: activeModel(null).info });
}

async function loadSaved(name: string): Promise<void> {
  busy('load', `Loading “${name}” from browser storage…`);
  const record = await getModelRecord(name);
  if (!record) throw new Error(`No saved model is called “${name}”.`);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(`${SCHEME}${name}`);
  } catch (error) {
    throw new Error(
      `The weights of “${name}” could not be read from browser storage (${errorMessage(error)}).`,
    );
  }
  checkShape(model, record.metadata, name);
  setLoaded({ model, metadata: record.metadata, origin: 'browser storage' });
}

async function loadZip(file: File): Promise<void> {
  busy('load', `Loading ${file.name}…`);
  const loaded = await loadModelZip(new Uint8Array(await file.arrayBuffer()), file.name);
  setLoaded({ ...loaded, origin: file.name });
}

async function deleteSaved(name: string): Promise<void> {
  await tf.io.removeModel(`${SCHEME}${name}`).catch(() => undefined);
  await deleteModelRecord(name);
  await listSaved();
}

async function predict(image: Blob, fileName: string, threshold: number): Promise<void> {
  const { model, info } = activeModel(threshold);
  busy('predict', `Classifying ${fileName}…`);
  const size = info.inputSize;
  const bytes = new Uint8Array(await image.arrayBuffer());
  const decoded = await workerDecoder.decode(bytes, fileName, size);
  const probability = await predictRgb(model, decoded.data, size);
  const input = rgbToPayload(decoded.data, size);
  post(
    {
      scope: 'export',
      type: 'prediction',
      prediction: {
        fileName,
        probability,
        ...verdict(probability, info.classNames, threshold),
        input,
        model: info,
      },
    },
    [input.data.buffer],
  );
}

/**
 * "Evaluate on test set" for a loaded model: the same report a trained
 * model gets, from the loaded dataset's test split.
 */
export async function evaluateLoaded(): Promise<void> {
  const loaded = session.loaded;
  if (!loaded) throw new Error('No model is loaded.');
  const dataset = session.dataset;
  if (!dataset) throw new Error('Load a dataset first (Dataset step): its test split is used.');
  const { classNames, inputSize } = loaded.metadata;
  if (classNames.join('/') !== dataset.classNames.join('/')) {
    post({
      scope: 'training',
      type: 'notice',
      message: `The loaded model's classes (${classNames.join(', ')}) differ from the dataset's (${dataset.classNames.join(', ')}): its class 1 is read as the dataset's class 1.`,
    });
  }
  const status = (message: string) =>
    post({ scope: 'training', type: 'status', status: 'preparing', message });
  status(`Evaluating “${loaded.metadata.name}” on the test set…`);
  const predictions = await predictImages(
    loaded.model,
    dataset.splits.test,
    dataset.source,
    workerDecoder,
    inputSize,
    {
      keepWrong: true,
      onSkipped: (skipped) =>
        post({
          scope: 'training',
          type: 'skipped',
          count: skipped.length,
          examples: skipped.map((s) => `${s.name}: ${s.reason}`),
        }),
      onProgress: (done, total) =>
        status(`Evaluating “${loaded.metadata.name}” on the test set: ${done}/${total}`),
    },
  );
  if (!predictions) {
    post({
      scope: 'training',
      type: 'notice',
      message: 'The test split is empty: no test results.',
    });
  } else {
    const results = testReport(
      predictions,
      dataset.classNames,
      loaded.metadata.baseWeights === 'random',
      loaded.metadata.threshold,
    );
    loaded.metadata = { ...loaded.metadata, test: testMetrics(results) };
    post({ scope: 'training', type: 'test-results', results });
  }
  post({ scope: 'training', type: 'status', status: 'finished', message: null });
}

function actionOf(cmd: ExportCommand): ExportAction {
  switch (cmd.type) {
    case 'list-saved':
      return 'list';
    case 'save':
      return 'save';
    case 'download':
      return 'download';
    case 'delete-saved':
      return 'delete';
    case 'load-saved':
    case 'load-zip':
    case 'unload':
      return 'load';
    case 'predict':
      return 'predict';
    default:
      return assertNever(cmd, 'export command');
  }
}

async function run(cmd: ExportCommand): Promise<void> {
  switch (cmd.type) {
    case 'list-saved':
      return listSaved();
    case 'save':
      return save(cmd.name, cmd.threshold);
    case 'download':
      return download(cmd.name, cmd.threshold);
    case 'delete-saved':
      return deleteSaved(cmd.name);
    case 'load-saved':
      return loadSaved(cmd.name);
    case 'load-zip':
      return loadZip(cmd.file);
    case 'unload':
      session.loaded?.model.dispose();
      session.loaded = null;
      post({
        scope: 'export',
        type: 'active',
        model: session.trained ? activeModel(null).info : null,
      });
      return;
    case 'predict':
      return predict(cmd.image, cmd.fileName, cmd.threshold);
    default:
      assertNever(cmd, 'export command');
  }
}

/** Every failure is answered next to the control that caused it; the page stays usable. */
export async function handleExport(cmd: ExportCommand): Promise<void> {
  try {
    await run(cmd);
  } catch (error) {
    post({ scope: 'export', type: 'failed', action: actionOf(cmd), message: errorMessage(error) });
  }
}
