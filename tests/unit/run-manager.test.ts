import { beforeAll, describe, expect, it } from 'vitest';
import { ModelInUse } from '../../src/core/active/modelInUse.ts';
import type { LoadedDataset } from '../../src/core/dataset/types.ts';
import { RunManager, type RunManagerDeps } from '../../src/core/runs/manager.ts';
import { datasetKey } from '../../src/core/runs/records.ts';
import { ACTIVE_RUN_KEY } from '../../src/core/runs/resume.ts';
import { memoryRunStore, type RunStore, type StoredCheckpoint } from '../../src/core/runs/store.ts';
import type { TestResults } from '../../src/domain/training.ts';
import type { TrainingEvent } from '../../src/protocol/training.ts';
import { runReports } from '../../src/worker/reports.ts';
import { useBackend } from '../support/tfBackend.ts';
import { rawDecoder, tinyDataset } from '../support/tinyDataset.ts';
import { smallConfig } from '../support/trainerHarness.ts';

const SIZE = 32;
const COUNTS = { train: 16, validation: 8, test: 8 };

beforeAll(async () => {
  await useBackend('wasm');
});

function harness(options: { dataset?: LoadedDataset | null; store?: RunStore } = {}) {
  const events: TrainingEvent[] = [];
  const results: TestResults[] = [];
  const store = options.store ?? memoryRunStore();
  const inUse = new ModelInUse();
  let dataset = options.dataset === undefined ? tinyDataset(COUNTS, SIZE) : options.dataset;
  const deps: RunManagerDeps = {
    store,
    report: runReports((event) => {
      if (event.scope === 'training') events.push(event);
      if (event.scope === 'evaluation' && event.type === 'results') results.push(event.results);
    }),
    inUse,
    env: {
      dataset: () => dataset,
      demo: () => null,
      restoreDemo: async () => {},
      baseWeights: () => null,
      backend: () => null,
    },
    engine: {
      decoder: rawDecoder,
      now: () => performance.now(),
      featureCacheBudget: 1e9,
      reportEveryMs: 0,
    },
  };
  const manager = new RunManager(deps);
  const of = <T extends TrainingEvent['type']>(type: T) =>
    events.filter((e): e is Extract<TrainingEvent, { type: T }> => e.type === type);
  return {
    manager,
    store,
    inUse,
    events,
    results,
    of,
    setDataset: (d: LoadedDataset | null) => (dataset = d),
  };
}

describe('RunManager', () => {
  it('records a finished run, evaluates it on the test split and clears its checkpoint', async () => {
    const h = harness();
    expect(await h.manager.start(smallConfig(SIZE, { epochs: 2 }), 'first')).toBe('finished');
    const [run] = await h.store.listRuns();
    expect(run?.name).toBe('first');
    expect(run?.status).toBe('finished');
    expect(run?.history).toHaveLength(2);
    // The test split has COUNTS.test images; the record keeps the summary, not the per-image arrays.
    const results = h.results[0];
    expect(results?.labels).toHaveLength(COUNTS.test);
    expect(run?.test?.accuracy).toBe(results?.accuracy);
    expect(run?.test && 'probabilities' in run.test).toBe(false);
    expect(await h.store.getCheckpoint(run?.id ?? '')).toBeUndefined();
    expect(await h.store.getMeta(ACTIVE_RUN_KEY)).toBeNull();
    expect(h.inUse.trained?.name).toBe('first');
    expect(h.of('status').at(-1)?.status).toBe('finished');
    expect(
      h
        .of('runs')
        .at(-1)
        ?.runs.map((r) => r.id),
    ).toEqual([run?.id]);
    h.inUse.setTrained(null);
  });

  it('refuses to start without a dataset, in words that say what to do', async () => {
    const h = harness({ dataset: null });
    await expect(h.manager.start(smallConfig(SIZE), null)).rejects.toThrow(/Load a dataset first/);
    expect(await h.store.listRuns()).toEqual([]);
  });

  it('queues a grid: one run per config, named by position, then an end marker', async () => {
    const h = harness();
    const configs = [0.01, 0.001].map((learningRate) =>
      smallConfig(SIZE, { epochs: 1, learningRate }),
    );
    await h.manager.queueGrid(configs, 'grid');
    const runs = await h.store.listRuns();
    expect(runs.map((r) => r.config.training.learningRate).sort()).toEqual([0.001, 0.01]);
    expect(runs.every((r) => r.name.startsWith('grid '))).toBe(true);
    expect(h.of('queue').map((e) => [e.position, e.total])).toEqual([
      [1, 2],
      [2, 2],
      [2, 2],
    ]);
    h.inUse.setTrained(null);
  });

  it('refuses a grid with a run the training form would refuse, before any run starts', async () => {
    const h = harness();
    const configs = [0.01, 20].map((learningRate) =>
      smallConfig(SIZE, { epochs: 1, learningRate }),
    );
    await expect(h.manager.queueGrid(configs, 'grid')).rejects.toThrow(
      /Run 2 of 2: Learning rate must be above 0 and at most 10/,
    );
    expect(await h.store.listRuns()).toEqual([]);
    expect(h.of('queue')).toEqual([]);
  });

  it('offers the run a reload interrupted and continues it from its checkpoint', async () => {
    const store = memoryRunStore();
    const dataset = tinyDataset(COUNTS, SIZE);
    const first = harness({ store, dataset });
    let kept: StoredCheckpoint | null = null;
    let marker: unknown = null;
    const put = store.putCheckpoint;
    store.putCheckpoint = async (checkpoint) => {
      await put(checkpoint);
      if (kept) return;
      kept = structuredClone(checkpoint);
      marker = await store.getMeta(ACTIVE_RUN_KEY);
      first.manager.stop();
    };
    expect(await first.manager.start(smallConfig(SIZE, { epochs: 3 }), 'long')).toBe('stopped');
    first.inUse.setTrained(null);
    const checkpoint = kept as StoredCheckpoint | null;
    if (!checkpoint) throw new Error('no checkpoint was saved');
    const runId = checkpoint.runId;
    expect(marker).toEqual({ runId, datasetKey: datasetKey(dataset.summary), demo: null });

    // What a reload leaves behind: the checkpoint of epoch 1 and the run marker.
    store.putCheckpoint = put;
    await put(checkpoint);
    await store.setMeta(ACTIVE_RUN_KEY, marker);
    const second = harness({ store, dataset });
    await second.manager.announceResumable();
    expect(second.of('resumable')[0]?.run).toMatchObject({
      id: runId,
      epochsDone: 1,
      epochsTotal: 3,
    });

    const other = harness({ store, dataset: tinyDataset({ ...COUNTS, train: 8 }, SIZE) });
    await expect(other.manager.resumeRun(runId)).rejects.toThrow(
      'Load the same dataset to resume this run (images.zip and labels.csv).',
    );
    expect(await second.manager.resumeRun(runId)).toBe('finished');
    expect((await store.getRun(runId))?.history.map((e) => e.epoch)).toEqual([1, 2, 3]);
    second.inUse.setTrained(null);
  });
});

describe('a run that fails', () => {
  it('keeps its reason in the last status and in the run record', async () => {
    const h = harness({ dataset: tinyDataset({ train: 0, validation: 8, test: 8 }, SIZE) });
    expect(await h.manager.start(smallConfig(SIZE, { epochs: 1 }), 'empty')).toBe('failed');
    const last = h.of('status').at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.message).toBeTruthy();
    const [run] = await h.store.listRuns();
    expect(run?.status).toBe('failed');
    expect(run?.failure).toBe(last?.message);
  });
});
