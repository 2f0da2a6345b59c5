import type { SplitName } from '../../domain/dataset.ts';
import type { ClassMetrics, Misclassified, RocPoint, TestResults } from '../../domain/training.ts';

/*
 * Binary-classification metrics as plain arithmetic, with no tfjs: the worker
 * uses them at the end of training and the page uses them again when the
 * decision threshold slider moves.
 */

/** Keras's backend epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log. */
export const EPSILON = 1e-7;

export type Confusion = [[number, number], [number, number]];

function checkPairs(labels: readonly number[], probs: readonly number[]): void {
  if (labels.length !== probs.length) {
    throw new Error(`${labels.length} labels but ${probs.length} probabilities`);
  }
  labels.forEach((label, i) => {
    if (label !== 0 && label !== 1) throw new Error(`label ${i} is ${label}, not 0 or 1`);
  });
}

/** Mean binary cross-entropy, clipped as Keras does so a confident mistake costs ~16, not Infinity. */
export function binaryCrossEntropy(labels: readonly number[], probs: readonly number[]): number {
  checkPairs(labels, probs);
  if (labels.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probs[i] as number));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/** confusion[actual][predicted]; a probability at or above the threshold predicts class 1. */
export function confusionAt(
  labels: readonly number[],
  probs: readonly number[],
  threshold: number,
): Confusion {
  checkPairs(labels, probs);
  const confusion: Confusion = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < labels.length; i++) {
    const predicted = (probs[i] as number) >= threshold ? 1 : 0;
    confusion[labels[i] as 0 | 1][predicted] += 1;
  }
  return confusion;
}

export function accuracyOf(confusion: Confusion): number {
  const total = confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1];
  return total === 0 ? 0 : (confusion[0][0] + confusion[1][1]) / total;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Precision, recall, F1 and support for each class; 0 where a denominator is 0 (as sklearn's zero_division=0). */
export function perClassMetrics(
  confusion: Confusion,
  classNames: readonly [string, string],
): [ClassMetrics, ClassMetrics] {
  const forClass = (c: 0 | 1): ClassMetrics => {
    const truePositive = confusion[c][c];
    const predicted = confusion[0][c] + confusion[1][c];
    const support = confusion[c][0] + confusion[c][1];
    const precision = ratio(truePositive, predicted);
    const recall = ratio(truePositive, support);
    return {
      className: classNames[c],
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support,
    };
  };
  return [forClass(0), forClass(1)];
}

/**
 * The ROC curve over every distinct probability, from (0,0) to (1,1).
 * Equal probabilities form one step, so ties draw a diagonal segment.
 * The first point's threshold is max(p) + 1 (sklearn's old convention) so it
 * stays a finite, JSON-safe number. Empty when either class is absent: the
 * curve is undefined then.
 */
export function rocCurve(labels: readonly number[], probs: readonly number[]): RocPoint[] {
  checkPairs(labels, probs);
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number));
  const points: RocPoint[] = [
    { threshold: (probs[order[0] as number] as number) + 1, fpr: 0, tpr: 0 },
  ];
  let truePositives = 0;
  let falsePositives = 0;
  let k = 0;
  while (k < order.length) {
    const threshold = probs[order[k] as number] as number;
    // Consume every sample with this same probability before emitting a point.
    while (k < order.length && probs[order[k] as number] === threshold) {
      if (labels[order[k] as number] === 1) truePositives += 1;
      else falsePositives += 1;
      k += 1;
    }
    points.push({ threshold, fpr: falsePositives / negatives, tpr: truePositives / positives });
  }
  return points;
}

/** Area under the curve by trapezoids; equals P(score of a positive > score of a negative), ties counted half. */
export function auc(roc: readonly RocPoint[]): number {
  if (roc.length < 2) return Number.NaN;
  let area = 0;
  for (let i = 1; i < roc.length; i++) {
    const a = roc[i - 1] as RocPoint;
    const b = roc[i] as RocPoint;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}

export interface TestInput {
  labels: number[];
  probabilities: number[];
  threshold: number;
  classNames: [string, string];
  misclassified: Misclassified[];
  split: SplitName;
  randomWeights: boolean;
}

/** Every number the Evaluate step shows, from labels and class-1 probabilities. */
export function summarizeTest(input: TestInput): TestResults {
  const { labels, probabilities, threshold, classNames } = input;
  const confusion = confusionAt(labels, probabilities, threshold);
  const roc = rocCurve(labels, probabilities);
  return {
    split: input.split,
    loss: binaryCrossEntropy(labels, probabilities),
    accuracy: accuracyOf(confusion),
    threshold,
    classNames,
    confusion,
    perClass: perClassMetrics(confusion, classNames),
    roc,
    auc: auc(roc),
    labels,
    probabilities,
    misclassified: input.misclassified,
    randomWeights: input.randomWeights,
  };
}
