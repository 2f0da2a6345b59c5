import { useMemo, useState } from 'react';
import { accuracyOf, confusionAt, perClassMetrics } from '../../core/evaluation/metrics.ts';
import type { TestResults } from '../../domain/training.ts';
import { ResultWarnings } from '../../ui/ResultWarnings.tsx';
import { useProgressiveCount } from '../../ui/useProgressiveCount.ts';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { MisclassifiedGallery } from './MisclassifiedGallery.tsx';
import { PerClassTable } from './PerClassTable.tsx';
import { aucText, RocChart } from './RocChart.tsx';
import { ThresholdSlider } from './ThresholdSlider.tsx';

/** Threshold-free numbers come from the worker; the rest is recomputed here as the slider moves. */
export function TestResultsView({
  results,
  synthetic,
}: {
  results: TestResults;
  synthetic: boolean;
}) {
  const [slider, setSlider] = useState({ results, threshold: results.threshold });
  // New results reset the slider to the threshold they were computed at.
  if (slider.results !== results) setSlider({ results, threshold: results.threshold });
  const threshold = slider.results === results ? slider.threshold : results.threshold;
  const setThreshold = (value: number) => setSlider({ results, threshold: value });
  const { labels, probabilities, classNames } = results;
  const atThreshold = useMemo(() => {
    if (threshold === results.threshold) {
      return {
        confusion: results.confusion,
        perClass: results.perClass,
        accuracy: results.accuracy,
      };
    }
    const confusion = confusionAt(labels, probabilities, threshold);
    return {
      confusion,
      perClass: perClassMetrics(confusion, classNames),
      accuracy: accuracyOf(confusion),
    };
  }, [threshold, results, labels, probabilities, classNames]);
  // The numbers and tables first, then the ROC chart, then the mistakes: three short renders.
  const parts = useProgressiveCount(3, 1);
  const { confusion } = atThreshold;
  const negatives = confusion[0][0] + confusion[0][1];
  const positives = confusion[1][0] + confusion[1][1];
  const operatingPoint =
    negatives > 0 && positives > 0
      ? { fpr: confusion[0][1] / negatives, tpr: confusion[1][1] / positives }
      : null;
  return (
    <section aria-label="Test results" className="test-results">
      <h3>Test results</h3>
      <ResultWarnings randomWeights={results.randomWeights} synthetic={synthetic} />
      <div className="keras-lines mono">
        <p>Test Accuracy: {atThreshold.accuracy.toFixed(3)}</p>
        <p>Test Loss: {results.loss.toFixed(4)}</p>
        <p>{aucText(results.auc)}</p>
      </div>
      <p className="hint">
        {labels.length} images of the {results.split} split
        {threshold === results.threshold ? '' : `; accuracy at threshold ${threshold.toFixed(2)}`}.
      </p>
      <ThresholdSlider value={threshold} onChange={setThreshold} positiveClass={classNames[1]} />
      <div className="row tables">
        <ConfusionMatrix confusion={confusion} classNames={classNames} />
        <PerClassTable metrics={atThreshold.perClass} />
      </div>
      {parts >= 2 && (
        <RocChart roc={results.roc} auc={results.auc} operatingPoint={operatingPoint} />
      )}
      {parts >= 3 && (
        <MisclassifiedGallery
          images={results.misclassified}
          classNames={classNames}
          threshold={threshold}
        />
      )}
    </section>
  );
}
