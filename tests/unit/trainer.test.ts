import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../src/core/training/trainer.ts';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import type { WorkCount } from '../../src/domain/training.ts';
import { useBackend } from '../support/tfBackend.ts';
import { tinyDataset } from '../support/tinyDataset.ts';
import {
  deps,
  headWeights,
  newTrainer,
  recorder,
  smallConfig,
  withoutTime,
} from '../support/trainerHarness.ts';

const SIZE = 32;
const dataset = tinyDataset({ train: 40, validation: 8, test: 8 }, SIZE);
const flipOnly = { ...DEFAULT_AUGMENT, rotationRange: 10, zoomRange: 0.1 };

beforeAll(async () => {
  await useBackend('wasm');
});

describe('Trainer', () => {
  it('keeps the tensor count steady from epoch 1 to epoch 3', async () => {
    const counts: number[] = [];
    const { trainer } = newTrainer(smallConfig(SIZE, { epochs: 3 }, flipOnly), dataset, {
      epoch: () => counts.push(tf.memory().numTensors),
    });
    expect(await trainer.run()).toBe('finished');
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBe(counts[0]);
    trainer.dispose();
  });

  it('pausing and resuming gives the same weights as an uninterrupted run', async () => {
    const config = smallConfig(SIZE, { epochs: 2 }, flipOnly);
    const straight = newTrainer(config, dataset);
    await straight.trainer.run();

    let paused = false;
    const interrupted: { trainer: Trainer | null } = { trainer: null };
    const run = newTrainer(config, dataset, {
      batches: (logs) => {
        if (!paused && logs.some((l) => l.epoch === 1 && l.batch === 2)) {
          paused = true;
          interrupted.trainer?.pause();
          setTimeout(() => interrupted.trainer?.resume(), 50);
        }
      },
    });
    interrupted.trainer = run.trainer;
    expect(await run.trainer.run()).toBe('finished');
    expect(paused).toBe(true);
    expect(run.recorded.statuses.map((s) => s.status)).toContain('paused');
    expect(withoutTime(run.trainer.history)).toEqual(withoutTime(straight.trainer.history));
    expect(headWeights(run.trainer)).toEqual(headWeights(straight.trainer));
    straight.trainer.dispose();
    run.trainer.dispose();
  });

  it('a run restored from its epoch-1 checkpoint continues with identical history and weights', async () => {
    const config = smallConfig(SIZE, { epochs: 3 }, flipOnly);
    const straight = newTrainer(config, dataset);
    await straight.trainer.run();
    const checkpoint = straight.recorded.checkpoints[0];
    if (!checkpoint) throw new Error('no checkpoint after epoch 1');
    expect(checkpoint.history).toHaveLength(1);

    const { callbacks, recorded } = recorder();
    const restored = Trainer.fromCheckpoint(checkpoint, deps(dataset), callbacks);
    expect(await restored.run()).toBe('finished');
    expect(recorded.epochs.map((e) => e.epoch)).toEqual([2, 3]);
    expect(withoutTime(restored.history)).toEqual(withoutTime(straight.trainer.history));
    expect(headWeights(restored)).toEqual(headWeights(straight.trainer));
    straight.trainer.dispose();
    restored.dispose();
  });

  it('early stopping stops after `patience` epochs without a better val_loss and restores the best weights', async () => {
    // A high learning rate makes val_loss rise again; the run without early stopping shows where.
    const training = { epochs: 6, learningRate: 1 };
    const free = newTrainer(smallConfig(SIZE, training), dataset);
    await free.trainer.run();
    const losses = free.trainer.history.map((h) => h.valLoss as number);
    let best = 0;
    let stopAt = losses.length;
    for (let e = 1; e < losses.length; e++) {
      if ((losses[e] as number) < (losses[best] as number)) best = e;
      else if (e - best >= 1) {
        stopAt = e + 1;
        break;
      }
    }
    expect(stopAt).toBeLessThan(losses.length);

    const early = newTrainer(
      smallConfig(SIZE, { ...training, earlyStoppingPatience: 1, restoreBestWeights: true }),
      dataset,
    );
    await early.trainer.run();
    expect(early.trainer.history).toHaveLength(stopAt);
    expect(early.recorded.notices.some((n) => n.startsWith('Early stopping'))).toBe(true);
    const bestCheckpoint = free.recorded.checkpoints[best];
    expect(bestCheckpoint).toBeDefined();
    expect(headWeights(early.trainer)).toEqual(bestCheckpoint?.head.map((w) => w.values));
    free.trainer.dispose();
    early.trainer.dispose();
  });

  it('stops with a message when the loss is not finite', async () => {
    const { trainer, recorded } = newTrainer(smallConfig(SIZE, { epochs: 2 }), dataset);
    const kernel = trainer.classifier.head.trainableWeights[0];
    if (!kernel) throw new Error('head has no weights');
    const poison = tf.fill(kernel.shape as number[], Number.NaN);
    kernel.write(poison);
    poison.dispose();
    expect(await trainer.run()).toBe('failed');
    expect(trainer.history).toHaveLength(0);
    expect(recorded.checkpoints).toHaveLength(0);
    const failure = recorded.statuses.find((s) => s.status === 'failed');
    expect(failure?.message).toMatch(/loss became (NaN|Infinity|-Infinity)/);
    trainer.dispose();
  });

  it('a pause during the validation pass stays paused until resumed', async () => {
    const { callbacks } = recorder();
    const seen: { status: string; work: WorkCount | null }[] = [];
    const holder: { trainer: Trainer | null } = { trainer: null };
    callbacks.status = (status, _message, work) => {
      seen.push({ status, work: work ?? null });
      if (work?.label === 'Validating epoch 1' && work.done < work.total && holder.trainer) {
        holder.trainer.pause();
        setTimeout(() => holder.trainer?.resume(), 50);
      }
    };
    // Four images per forward pass: the validation split's eight take two.
    const config = smallConfig(SIZE, { epochs: 2, batchSize: 4 }, flipOnly);
    holder.trainer = new Trainer('run-test', 'test', config, deps(dataset), callbacks);
    expect(await holder.trainer.run()).toBe('finished');
    const paused = seen.findIndex((s) => s.status === 'paused');
    expect(paused).toBeGreaterThan(0);
    // Nothing says "running" again until the resume does.
    expect(seen[paused + 1]).toEqual({ status: 'running', work: null });
    holder.trainer.dispose();
  });

  it('fails with a reason when no training image can be decoded', async () => {
    const unreadable = {
      decode: async (_: Uint8Array, name: string): Promise<never> => {
        throw new Error(`${name} is corrupt`);
      },
    };
    const { trainer, recorded } = newTrainer(
      smallConfig(SIZE, { epochs: 2 }),
      dataset,
      {},
      {
        decoder: unreadable,
      },
    );
    expect(await trainer.run()).toBe('failed');
    expect(trainer.history).toHaveLength(0);
    const failure = recorded.statuses.find((s) => s.status === 'failed');
    expect(failure?.message).toBe(
      `Epoch 1: none of the ${dataset.splits.train.length} training images could be decoded, so there was nothing to train on. The skipped images say why.`,
    );
    trainer.dispose();
  });

  it('stop ends after the current batch and keeps the model', async () => {
    const holder: { trainer: Trainer | null } = { trainer: null };
    const run = newTrainer(smallConfig(SIZE, { epochs: 3 }, flipOnly), dataset, {
      batches: (logs) => {
        if (logs.some((l) => l.batch === 2)) holder.trainer?.stop();
      },
    });
    holder.trainer = run.trainer;
    expect(await run.trainer.run()).toBe('stopped');
    expect(run.recorded.batches.length).toBe(2);
    expect(run.trainer.history).toHaveLength(0);
    const test = await run.trainer.evaluateSplit('test', false, false);
    expect(test?.labels).toHaveLength(8);
    run.trainer.dispose();
  });

  it.each([
    ['from the feature cache', undefined],
    ['from images', flipOnly],
  ])('counts the validation pass at each epoch end %s', async (_, augment) => {
    const { callbacks } = recorder();
    const seen: { status: string; work: WorkCount | null }[] = [];
    callbacks.status = (status, _message, work) => seen.push({ status, work: work ?? null });
    const config = smallConfig(SIZE, { epochs: 2 }, augment);
    const trainer = new Trainer('run-test', 'test', config, deps(dataset), callbacks);
    expect(await trainer.run()).toBe('finished');
    const validation = dataset.splits.validation.length;
    for (const epoch of [1, 2]) {
      const label = `Validating epoch ${epoch}`;
      const at = seen.map((s) => s.work?.label === label);
      const counts = seen.filter((_, i) => at[i]).map((s) => s.work);
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.at(-1)).toEqual({ label, done: validation, total: validation });
      // The bar returns to batches once the pass is over.
      expect(seen[at.lastIndexOf(true) + 1]).toEqual({ status: 'running', work: null });
    }
    trainer.dispose();
  });

  it('explains that WASM trains only the head when fine-tuning is asked for', async () => {
    const { trainer, recorded } = newTrainer(
      smallConfig(SIZE, { epochs: 1, fineTuneEpochs: 2 }),
      dataset,
      {},
      { canFineTune: false, backendName: 'wasm' },
    );
    expect(await trainer.run()).toBe('finished');
    expect(trainer.history.map((h) => h.phase)).toEqual(['head']);
    expect(recorded.notices.join(' ')).toContain('Fine-tuning (phase 2) needs WebGPU or WebGL');
    trainer.dispose();
  });
});
