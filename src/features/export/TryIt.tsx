import { useEffect, useId, useState } from 'react';
import type { Prediction } from '../../domain/export.ts';
import { useActions } from '../../studio/useStudio.ts';
import { PredictionView } from './PredictionView.tsx';
import { hasWebcam, Webcam } from './Webcam.tsx';

/** A photo (or a webcam frame) in, the model's verdict out. */
export function TryIt({
  threshold,
  canPredict,
  prediction,
  busy,
  error,
}: {
  threshold: number;
  canPredict: boolean;
  prediction: Prediction | null;
  busy: string | null;
  error: string | undefined;
}) {
  const actions = useActions();
  const inputId = useId();
  const [photo, setPhoto] = useState<{ blob: Blob; name: string; url: string } | null>(null);

  useEffect(() => () => (photo ? URL.revokeObjectURL(photo.url) : undefined), [photo]);

  const classify = (blob: Blob, name: string) => void actions.export.predict(blob, name, threshold);

  const choose = (blob: Blob, name: string) => {
    setPhoto({ blob, name, url: URL.createObjectURL(blob) });
    if (canPredict) classify(blob, name);
  };

  return (
    <div>
      <h3>Try it</h3>
      <div className="row">
        <label htmlFor={inputId}>
          Photo to classify
          <input
            id={inputId}
            type="file"
            accept="image/jpeg,image/png"
            disabled={!canPredict}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) choose(file, file.name);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {hasWebcam() && canPredict && <Webcam onPhoto={choose} />}
        {photo && canPredict && (
          <button
            type="button"
            className="secondary"
            onClick={() => classify(photo.blob, photo.name)}
          >
            Classify again
          </button>
        )}
      </div>
      {!canPredict && <p className="hint">Train or load a model to classify photos.</p>}
      {photo && <img src={photo.url} alt={`To classify: ${photo.name}`} height={160} />}
      <section aria-label="Prediction" aria-live="polite">
        {busy && <p className="muted">{busy}</p>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {prediction && !busy && <PredictionView prediction={prediction} />}
      </section>
    </div>
  );
}
