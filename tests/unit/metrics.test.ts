import { describe, expect, it } from 'vitest';
import {
  accuracyOf,
  auc,
  binaryCrossEntropy,
  confusionAt,
  EPSILON,
  perClassMetrics,
  rocCurve,
  summarizeTest,
} from '../../src/core/evaluation/metrics.ts';

/*
 * The small known example (sklearn's roc_auc_score docstring case):
 *   labels = [0, 0, 1, 1], p = [0.1, 0.4, 0.35, 0.8]
 * Sorted by p, descending: 0.8 (pos), 0.4 (neg), 0.35 (pos), 0.1 (neg); 2 positives, 2 negatives.
 *   ROC points (fpr, tpr): (0,0) (0,0.5) (0.5,0.5) (0.5,1) (1,1)
 *   AUC = 0.5*0.5 + 0.5*1 = 0.75; by pairs: 0.8 beats both negatives, 0.35 beats 0.1 only → 3/4.
 * Loss = -(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8) / 4.
 * At threshold 0.5: actual 0 → [2, 0], actual 1 → [1, 1]; accuracy 3/4.
 *   female: precision 2/3, recall 1, F1 = 2·(2/3)·1 / (5/3) = 0.8, support 2
 *   male:   precision 1,   recall 1/2, F1 = 2·1·0.5 / 1.5 = 2/3, support 2
 */
const LABELS = [0, 0, 1, 1];
const PROBS = [0.1, 0.4, 0.35, 0.8];
const NAMES: [string, string] = ['female', 'male'];

/** Mann–Whitney U / (P·N), counting ties as one half: what the AUC must equal. */
function pairwiseAuc(labels: number[], probs: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((li, i) => {
    if (li !== 1) return;
    labels.forEach((lj, j) => {
      if (lj !== 0) return;
      pairs += 1;
      const pi = probs[i] as number;
      const pj = probs[j] as number;
      wins += pi > pj ? 1 : pi === pj ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('binaryCrossEntropy', () => {
  it('averages -log of the probability given to the true class', () => {
    const expected = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    expect(binaryCrossEntropy(LABELS, PROBS)).toBeCloseTo(expected, 12);
  });

  it('clips as Keras does, so a certain mistake costs -log(1e-7), not Infinity', () => {
    expect(binaryCrossEntropy([1], [0])).toBeCloseTo(-Math.log(EPSILON), 9);
    expect(binaryCrossEntropy([0], [1])).toBeCloseTo(-Math.log(EPSILON), 6);
    expect(binaryCrossEntropy([1, 0], [1, 0])).toBeCloseTo(-Math.log(1 - EPSILON), 12);
  });

  it('refuses mismatched or non-binary input with a clear message', () => {
    expect(() => binaryCrossEntropy([0, 1], [0.5])).toThrow('2 labels but 1 probabilities');
    expect(() => binaryCrossEntropy([2], [0.5])).toThrow('label 0 is 2, not 0 or 1');
  });
});

describe('confusionAt and perClassMetrics', () => {
  it('counts confusion[actual][predicted] for the known example', () => {
    const confusion = confusionAt(LABELS, PROBS, 0.5);
    expect(confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(accuracyOf(confusion)).toBe(0.75);
    const [female, male] = perClassMetrics(confusion, NAMES);
    expect(female.className).toBe('female');
    expect(female.precision).toBeCloseTo(2 / 3, 12);
    expect(female.recall).toBe(1);
    expect(female.f1).toBeCloseTo(0.8, 12);
    expect(female.support).toBe(2);
    expect(male.precision).toBe(1);
    expect(male.recall).toBe(0.5);
    expect(male.f1).toBeCloseTo(2 / 3, 12);
    expect(male.support).toBe(2);
  });

  it('predicts class 1 when p is at or above the threshold', () => {
    expect(confusionAt([0, 1], [0.4, 0.4], 0.4)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(confusionAt([0, 1], [0.4, 0.4], 0.41)).toEqual([
      [1, 0],
      [1, 0],
    ]);
    // Moving the threshold on the known example: 0.4 now counts as male.
    expect(confusionAt(LABELS, PROBS, 0.4)).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('gives 0, not NaN, when a class is never predicted or never present', () => {
    const confusion = confusionAt([0, 0], [0.1, 0.2], 0.5);
    const [female, male] = perClassMetrics(confusion, NAMES);
    expect(female).toEqual({ className: 'female', precision: 1, recall: 1, f1: 1, support: 2 });
    expect(male).toEqual({ className: 'male', precision: 0, recall: 0, f1: 0, support: 0 });
    expect(accuracyOf(confusionAt([], [], 0.5))).toBe(0);
  });
});

describe('rocCurve and auc', () => {
  it('traces the known example through the hand-computed points', () => {
    const roc = rocCurve(LABELS, PROBS);
    expect(roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(roc.map((p) => p.threshold)).toEqual([1.8, 0.8, 0.4, 0.35, 0.1]);
    expect(auc(roc)).toBeCloseTo(0.75, 12);
  });

  it('is 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(auc(rocCurve(LABELS, [0.1, 0.2, 0.8, 0.9]))).toBe(1);
    expect(auc(rocCurve(LABELS, [0.9, 0.8, 0.2, 0.1]))).toBe(0);
  });

  it('draws one diagonal step for tied scores, giving 0.5', () => {
    const roc = rocCurve(LABELS, [0.5, 0.5, 0.5, 0.5]);
    expect(roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(auc(roc)).toBe(0.5);
    // Partial ties: one positive ties one negative, so that pair counts one half.
    expect(auc(rocCurve([0, 1, 0, 1], [0.3, 0.3, 0.7, 0.9]))).toBeCloseTo(2.5 / 4, 12);
  });

  it('equals the Mann–Whitney probability on a larger seeded set with ties', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const labels = Array.from({ length: 300 }, () => (next() < 0.4 ? 1 : 0));
    // Two decimals make ties common; positives lean higher.
    const probs = labels.map((l) => Math.round(Math.min(1, next() * 0.8 + l * 0.2) * 100) / 100);
    const roc = rocCurve(labels, probs);
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    for (let i = 1; i < roc.length; i++) {
      expect(roc[i]?.threshold).toBeLessThan(roc[i - 1]?.threshold as number);
    }
    expect(auc(roc)).toBeCloseTo(pairwiseAuc(labels, probs), 12);
  });

  it('is empty, with an undefined AUC, when the set holds one class only', () => {
    expect(rocCurve([1, 1], [0.2, 0.9])).toEqual([]);
    expect(auc([])).toBeNaN();
  });
});

describe('summarizeTest', () => {
  it('gathers loss, accuracy, confusion, per-class metrics and ROC', () => {
    const results = summarizeTest({
      labels: LABELS,
      probabilities: PROBS,
      threshold: 0.5,
      classNames: NAMES,
      misclassified: [],
      split: 'test',
      randomWeights: true,
    });
    expect(results.split).toBe('test');
    expect(results.loss).toBeCloseTo(binaryCrossEntropy(LABELS, PROBS), 12);
    expect(results.accuracy).toBe(0.75);
    expect(results.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(results.perClass[1].recall).toBe(0.5);
    expect(results.roc).toHaveLength(5);
    expect(results.auc).toBeCloseTo(0.75, 12);
    expect(results.randomWeights).toBe(true);
    expect(results.labels).toBe(LABELS);
  });
});
