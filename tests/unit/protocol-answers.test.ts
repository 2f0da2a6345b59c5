import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import { memoryRunStore } from '../../src/core/runs/store.ts';
import type { BackendInfo } from '../../src/domain/backend.ts';
import { DEFAULT_AUGMENT, DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import type { Command, CommandBody, StudioEvent } from '../../src/protocol/index.ts';
import { restoreDemo } from '../../src/worker/dataset.ts';
import { createDispatcher } from '../../src/worker/dispatch.ts';
import { createSession } from '../../src/worker/session.ts';
import { labelsOnlyLoad } from '../support/datasetFixtures.ts';
import { useBackend } from '../support/tfBackend.ts';
import { smallConfig } from '../support/trainerHarness.ts';

beforeAll(async () => {
  await useBackend('wasm');
});

const CPU: BackendInfo = {
  name: 'wasm',
  reason: 'test',
  forced: true,
  canFineTune: false,
  detail: null,
  threads: false,
};

/** A worker session on a fake port: every event it posts is kept. */
function worker() {
  const events: StudioEvent[] = [];
  const session = createSession((event) => events.push(event), {
    decoder: jpegDecoder,
    runStore: memoryRunStore(),
    weightsCache: { last: async () => null, save: async () => {} },
    startBackend: async () => CPU,
    restoreDemo,
  });
  let id = 0;
  const dispatch = createDispatcher(session);
  const send = (body: CommandBody) => {
    id += 1;
    const command = { ...body, id } as Command;
    return { id, answered: dispatch(command) };
  };
  const answers = (id: number) =>
    events.filter(
      (e) => e.scope === 'system' && (e.type === 'done' || e.type === 'failed') && e.id === id,
    );
  return { session, events, send, answers };
}

/** One command of every type; the mapped type makes a new command type a compile error here. */
type EveryCommand = { [C in CommandBody as `${C['scope']}.${C['type']}`]: C };
const file = (name: string, text: string) => new File([text], name);
const EVERY: EveryCommand = {
  'system.init': { scope: 'system', type: 'init', forcedBackend: 'wasm' },
  'system.ping': { scope: 'system', type: 'ping' },
  'system.simulate': {
    scope: 'system',
    type: 'simulate',
    fault: { kind: 'device-lost', afterEpoch: 99 },
  },
  'system.cancel': { scope: 'system', type: 'cancel', target: 999 },
  'dataset.load': labelsOnlyLoad(),
  'dataset.cancel': { scope: 'dataset', type: 'cancel' },
  'dataset.use-demo': {
    scope: 'dataset',
    type: 'use-demo',
    count: 12,
    options: DEFAULT_SPLIT_OPTIONS,
    augment: DEFAULT_AUGMENT,
  },
  'dataset.configure': {
    scope: 'dataset',
    type: 'configure',
    mapping: null,
    options: DEFAULT_SPLIT_OPTIONS,
    augment: DEFAULT_AUGMENT,
  },
  'dataset.preview': {
    scope: 'dataset',
    type: 'preview',
    augment: DEFAULT_AUGMENT,
    count: 2,
    seed: 1,
  },
  'model.configure': {
    scope: 'model',
    type: 'configure',
    options: DEFAULT_MODEL_OPTIONS,
    phase: 'frozen',
  },
  'model.load-weights-files': { scope: 'model', type: 'load-weights-files', files: [] },
  'model.load-weights-url': { scope: 'model', type: 'load-weights-url', url: 'not a url' },
  'training.start': {
    scope: 'training',
    type: 'start',
    config: smallConfig(32, { epochs: 1 }),
    name: 'walk',
  },
  'training.pause': { scope: 'training', type: 'pause' },
  'training.resume': { scope: 'training', type: 'resume' },
  'training.stop': { scope: 'training', type: 'stop' },
  'training.resume-run': { scope: 'training', type: 'resume-run', runId: 'no-such-run' },
  'training.queue': { scope: 'training', type: 'queue', configs: [], name: 'grid' },
  'training.list-runs': { scope: 'training', type: 'list-runs' },
  'training.delete-run': { scope: 'training', type: 'delete-run', runId: 'no-such-run' },
  'evaluation.evaluate': { scope: 'evaluation', type: 'evaluate' },
  'export.list-saved': { scope: 'export', type: 'list-saved' },
  'export.save': { scope: 'export', type: 'save', name: 'walk', threshold: 0.5 },
  'export.download': { scope: 'export', type: 'download', name: 'walk', threshold: 0.5 },
  'export.delete-saved': { scope: 'export', type: 'delete-saved', name: 'walk' },
  'export.load-saved': { scope: 'export', type: 'load-saved', name: 'no-such-model' },
  'export.load-zip': { scope: 'export', type: 'load-zip', file: file('model.zip', 'not a zip') },
  'export.unload': { scope: 'export', type: 'unload' },
  'export.cluster-job': {
    scope: 'export',
    type: 'cluster-job',
    config: smallConfig(32, { epochs: 1 }),
    name: 'walk',
  },
  'export.predict': {
    scope: 'export',
    type: 'predict',
    image: new Blob([new Uint8Array(4)]),
    fileName: 'face.jpg',
    threshold: 0.5,
  },
};

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('every command is answered under its id', () => {
  it('walks each command type once: one done or failed each, with the same id', async () => {
    const w = worker();
    const outcomes: Record<string, string> = {};
    for (const [key, body] of Object.entries(EVERY) as [string, CommandBody][]) {
      const { id, answered } = w.send(body);
      await answered;
      const answers = w.answers(id);
      expect(answers, key).toHaveLength(1);
      outcomes[key] = answers[0]?.type ?? 'none';
    }
    // Before a dataset exists, training and evaluation fail with a reason; the demo load and
    // what builds on it succeed; a run then trains, and a model is there to save and predict with.
    expect(outcomes).toMatchObject({
      'system.init': 'done',
      'dataset.load': 'failed',
      'dataset.use-demo': 'done',
      'dataset.configure': 'done',
      'model.load-weights-files': 'failed',
      'model.load-weights-url': 'failed',
      'training.start': 'done',
      'training.resume-run': 'failed',
      'evaluation.evaluate': 'done',
      'export.load-saved': 'failed',
      'export.load-zip': 'failed',
      'export.predict': 'failed',
    });
    w.session.inUse.setTrained(null);
  }, 120_000);

  it('a failure its step already shows is not reported a second time as an error', async () => {
    const w = worker();
    const { id, answered } = w.send({ scope: 'model', type: 'load-weights-files', files: [] });
    await answered;
    expect(w.answers(id)).toEqual([
      { scope: 'system', type: 'failed', id, message: 'No file was chosen' },
    ]);
    expect(w.events.filter((e) => e.scope === 'system' && e.type === 'error')).toEqual([]);
    expect(w.events).toContainEqual({
      scope: 'model',
      type: 'failed',
      what: 'weights',
      message: 'No file was chosen',
    });
  });

  it('cancel stops a weights download: it fails under its own id, the cancel is done', async () => {
    globalThis.fetch = (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const w = worker();
    const download = w.send({
      scope: 'model',
      type: 'load-weights-url',
      url: 'https://example.test/vgg16.h5',
    });
    const cancel = w.send({ scope: 'system', type: 'cancel', target: download.id });
    await Promise.all([download.answered, cancel.answered]);
    expect(w.answers(cancel.id)).toEqual([{ scope: 'system', type: 'done', id: cancel.id }]);
    expect(w.answers(download.id)).toEqual([
      { scope: 'system', type: 'failed', id: download.id, message: 'Cancelled.' },
    ]);
  });
});
