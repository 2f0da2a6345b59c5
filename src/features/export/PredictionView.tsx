import type { Prediction } from '../../domain/export.ts';
import { ImageCanvas } from '../../ui/ImageCanvas.tsx';

/** The class, its probability, and the exact p(class 1) the model gave. */
export function PredictionView({ prediction }: { prediction: Prediction }) {
  const { model, input } = prediction;
  const positive = model.classNames[1];
  return (
    <div className="row">
      <ImageCanvas
        image={input}
        label={`Model input (${input.width}×${input.height})`}
        displaySize={96}
      />
      <div>
        <p className="prediction-class">
          <strong>{prediction.className}</strong> — {(prediction.confidence * 100).toFixed(2)} %
        </p>
        <p className="mono">
          p({positive}) = {prediction.probability.toFixed(6)} · threshold{' '}
          {model.threshold.toFixed(2)}
        </p>
        <p className="hint">
          {prediction.fileName}, by{' '}
          {model.source === 'loaded'
            ? `the loaded model “${model.name}”`
            : `the current run “${model.name}”`}
          .
        </p>
      </div>
    </div>
  );
}
