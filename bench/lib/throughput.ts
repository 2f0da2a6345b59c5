import * as tf from '@tensorflow/tfjs';
import {
  buildClassifier,
  type Classifier,
  setTrainableBlocks,
} from '../../src/core/model/classifier.ts';
import { preprocessCaffe } from '../../src/core/model/preprocess.ts';
import { predictProbabilities, setDropoutSeed, trainStep } from '../../src/core/training/step.ts';
import { type BlockNumber, DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import {
  type Measure,
  type Runtime,
  STEP_KINDS,
  type StepKind,
  type ThroughputRow,
} from './results.ts';

/** The configurations the issue asks for, cheapest first so a budget cuts the dearest. */
export const THROUGHPUT_CONFIGS = [
  { size: 64, batch: 8 },
  { size: 64, batch: 32 },
  { size: 224, batch: 8 },
  { size: 224, batch: 32 },
] as const;

/** Timed steps stop after this long (at least one step, at most MAX_STEPS). */
const MIN_SECONDS = 2;
const MAX_STEPS = 10;
/** Steps longer than this get no untimed warm-up: compiling is a small share of them. */
const WARMUP_LIMIT_SECONDS = 5;

export interface ThroughputOptions {
  runtime: Runtime;
  backend: string;
  /** False where the backend has no convolution gradients (WASM). */
  canFineTune: boolean;
  /** Seconds this backend may spend; steps that would overrun it are skipped with why. */
  budgetSeconds: number;
  /** False for backends so slow that even a warm-up step of the first config is too dear. */
  warmFirst?: boolean;
  now(): number;
  log?(line: string): void;
}

type Step = () => Promise<void>;

/** One forward pass of base + head, as evaluation runs it. */
function forwardStep(c: Classifier, x: tf.Tensor4D): Step {
  return async () => {
    const pre = preprocessCaffe(x);
    await predictProbabilities(c.full, pre);
    pre.dispose();
  };
}

/** Phase 1 as the trainer runs it: the frozen base outside the tape, one SGD step on the head. */
function headStep(c: Classifier, x: tf.Tensor4D, y: tf.Tensor2D, optimizer: tf.Optimizer): Step {
  const variables = c.head.trainableWeights.map((w) => w.read() as tf.Variable);
  return async () => {
    const features = tf.tidy(
      () => c.base.apply(preprocessCaffe(x), { training: false }) as tf.Tensor,
    );
    setDropoutSeed(c.head, 1);
    await trainStep(c.head, variables, optimizer, features, y);
    features.dispose();
  };
}

/**
 * Phase 2: gradients through the unfrozen blocks, from `fromBlock` on (the
 * studio's default is block 5; block 1 is the whole base, as the reference fine-tunes).
 */
function fineTuneStep(
  c: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
  optimizer: tf.Optimizer,
  fromBlock: BlockNumber,
): Step {
  return async () => {
    // tfjs drops frozen variables from the gradient, so the blocks stay unfrozen for the step.
    setTrainableBlocks(c, fromBlock);
    const variables = c.full.trainableWeights.map((w) => w.read() as tf.Variable);
    const pre = preprocessCaffe(x);
    setDropoutSeed(c.full, 1);
    try {
      await trainStep(c.full, variables, optimizer, pre, y);
    } finally {
      pre.dispose();
      setTrainableBlocks(c, null);
    }
  };
}

/**
 * One optimizer per step kind: tfjs keeps momentum slots by the position of a
 * variable in the list it is given, so one optimizer shared by steps over
 * different variable lists adds a head slot to a convolution kernel.
 */
export function stepFor(
  kind: StepKind,
  c: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
  optimizers: Map<StepKind, tf.Optimizer>,
): Step {
  if (kind === 'forward') return forwardStep(c, x);
  let optimizer = optimizers.get(kind);
  if (!optimizer) {
    optimizer = tf.train.momentum(1e-4, 0.9);
    optimizers.set(kind, optimizer);
  }
  if (kind === 'train') return headStep(c, x, y, optimizer);
  return fineTuneStep(
    c,
    x,
    y,
    optimizer,
    kind === 'fineTune' ? DEFAULT_MODEL_OPTIONS.unfreezeFromBlock : 1,
  );
}

/** Seconds per image seen so far, by kind and pixel count, to predict what a step will cost. */
class CostModel {
  private perPixel = new Map<StepKind, number>();

  record(kind: StepKind, size: number, batch: number, stepSeconds: number): void {
    this.perPixel.set(kind, stepSeconds / (batch * size * size));
  }

  /** Convolution work grows with pixels and batch; unknown kinds borrow from the forward pass. */
  estimate(kind: StepKind, size: number, batch: number): number | null {
    const factor = { forward: 1, train: 1.1, fineTune: 2, fineTuneAll: 3 }[kind];
    const own = this.perPixel.get(kind);
    const forward = this.perPixel.get('forward');
    const per = own ?? (forward === undefined ? undefined : forward * factor);
    return per === undefined ? null : per * batch * size * size;
  }
}

const ok = (m: Measure): m is Extract<Measure, { imagesPerSecond: number }> =>
  'imagesPerSecond' in m;

/**
 * Images per second of VGG16 (+ the studio's default head) for each config
 * and step kind, within a time budget. The first measurement always runs, so
 * every backend reports at least one number.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputRow[]> {
  const { now, log = () => {} } = options;
  const started = now();
  const left = () => options.budgetSeconds - (now() - started) / 1000;
  const costs = new CostModel();
  const rows: ThroughputRow[] = [];
  let first = true;

  for (const size of [...new Set(THROUGHPUT_CONFIGS.map((c) => c.size))]) {
    const classifier = buildClassifier({ ...DEFAULT_MODEL_OPTIONS, inputSize: size }, 1);
    const optimizers = new Map<StepKind, tf.Optimizer>();
    try {
      for (const { batch } of THROUGHPUT_CONFIGS.filter((c) => c.size === size)) {
        const x = tf.randomUniform([batch, size, size, 3], 0, 255) as tf.Tensor4D;
        const y = tf.tensor2d(
          Array.from({ length: batch }, (_, i) => i % 2),
          [batch, 1],
        );
        const row: ThroughputRow = {
          runtime: options.runtime,
          backend: options.backend,
          size,
          batch,
          forward: { skipped: 'not run' },
          train: { skipped: 'not run' },
          fineTune: { skipped: 'not run' },
          fineTuneAll: { skipped: 'not run' },
        };
        for (const kind of STEP_KINDS) {
          if ((kind === 'fineTune' || kind === 'fineTuneAll') && !options.canFineTune) {
            row[kind] = { skipped: `${options.backend} has no convolution gradients` };
            continue;
          }
          const step = stepFor(kind, classifier, x, y, optimizers);
          const estimate = costs.estimate(kind, size, batch);
          const warm =
            estimate === null ? options.warmFirst !== false : estimate < WARMUP_LIMIT_SECONDS;
          const needed = (estimate ?? 0) * (warm ? 2 : 1);
          if (!first && estimate !== null && needed > left()) {
            row[kind] = {
              skipped: `time budget: a step would take about ${estimate.toFixed(0)} s, ${Math.max(0, left()).toFixed(0)} s of ${options.budgetSeconds} s left`,
            };
            continue;
          }
          first = false;
          row[kind] = await timeSteps(step, batch, warm, now, left);
          const measured = row[kind];
          if (ok(measured)) costs.record(kind, size, batch, measured.seconds / measured.steps);
          log(
            `${options.runtime} ${options.backend} ${size}px batch ${batch} ${kind}: ${
              ok(measured) ? `${measured.imagesPerSecond.toFixed(2)} images/s` : measured.skipped
            }`,
          );
        }
        rows.push(row);
        tf.dispose([x, y]);
      }
    } finally {
      for (const optimizer of optimizers.values()) optimizer.dispose();
      classifier.dispose();
    }
  }
  return rows;
}

async function timeSteps(
  step: Step,
  batch: number,
  warm: boolean,
  now: () => number,
  left: () => number,
): Promise<Measure> {
  try {
    if (warm) await step();
    let steps = 0;
    const t0 = now();
    let seconds = 0;
    do {
      await step();
      steps++;
      seconds = (now() - t0) / 1000;
    } while (seconds < MIN_SECONDS && steps < MAX_STEPS && left() > (seconds / steps) * 2);
    return { imagesPerSecond: (batch * steps) / seconds, steps, seconds };
  } catch (error) {
    return { skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
