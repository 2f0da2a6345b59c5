import type { ActiveModel } from '../../domain/export.ts';
import { useActions } from '../../studio/useStudio.ts';

/** Says which model Prediction, saving, downloading and evaluation use. */
export function ModelInUse({
  loaded,
  runName,
}: {
  loaded: ActiveModel | null;
  runName: string | null;
}) {
  const actions = useActions();
  if (loaded) {
    return (
      <p className="row" role="status" aria-label="Model in use">
        <span>
          Model in use: loaded “{loaded.name}” from {loaded.origin} ({loaded.inputSize}×
          {loaded.inputSize}, classes {loaded.classNames.join(' / ')}).
        </span>
        <button type="button" className="secondary" onClick={() => void actions.export.unload()}>
          Unload model
        </button>
      </p>
    );
  }
  return (
    <p role="status" aria-label="Model in use">
      {runName
        ? `Model in use: the current run “${runName}”.`
        : 'No model yet: train one (Train step) or load one below.'}
    </p>
  );
}
