import type { Misclassified, TestResults } from '../../domain/training.ts';
import { summarizeTest } from './metrics.ts';
import type { SplitPredictions } from './predict.ts';

/** Most misclassified images shown in the gallery: the most confidently wrong first. */
const GALLERY_SIZE = 24;

/** The Evaluate step's numbers and gallery from one pass over the test split. */
export function testReport(
  predictions: SplitPredictions,
  classNames: [string, string],
  randomWeights: boolean,
  threshold = 0.5,
): TestResults {
  const { labels, probabilities, names } = predictions;
  const wrong = labels
    .map((label, i) => ({ label, p: probabilities[i] as number, name: names[i] as string }))
    .filter(({ label, p }) => (p >= threshold ? 1 : 0) !== label)
    .sort((a, b) => Math.abs(b.p - b.label) - Math.abs(a.p - a.label))
    .slice(0, GALLERY_SIZE);
  const misclassified: Misclassified[] = [];
  for (const w of wrong) {
    const image = predictions.wrongImages.get(w.name);
    if (image)
      misclassified.push({
        name: w.name,
        trueClass: classNames[w.label] as string,
        probability: w.p,
        image,
      });
  }
  return summarizeTest({
    labels,
    probabilities,
    threshold,
    classNames,
    misclassified,
    split: 'test',
    randomWeights,
  });
}
