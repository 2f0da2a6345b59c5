import { useEffect, useId, useState } from 'react';
import { defaultModelName, modelNameProblem } from '../../domain/export.ts';
import type { TrainingStatus } from '../../domain/training.ts';
import { useActions, useStudio } from '../../studio/useStudio.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { Step } from '../../ui/Step.tsx';
import { downloadHistory, useZipDownloads } from './downloads.ts';
import { ModelInUse } from './ModelInUse.tsx';
import { SavedModelsList } from './SavedModelsList.tsx';
import { TryIt } from './TryIt.tsx';

/** The worker keeps the model of a run that ended in any of these. */
const ENDED: readonly TrainingStatus[] = ['finished', 'stopped', 'failed'];

export function ExportStep() {
  const actions = useActions();
  const exportState = useStudio((s) => s.export);
  const training = useStudio((s) => s.training);
  const test = useStudio((s) => s.evaluation.test);
  const nameId = useId();
  const loadId = useId();
  useZipDownloads();

  const runModel =
    training.runName !== null && training.history.length > 0 && ENDED.includes(training.status)
      ? training.runName
      : null;
  const hasModel = exportState.loaded !== null || runModel !== null;
  const modelName = exportState.loaded?.name ?? runModel;
  const startThreshold = exportState.loaded?.threshold ?? test?.threshold ?? 0.5;

  const [name, setName] = useState(defaultModelName(modelName));
  const [threshold, setThreshold] = useState(startThreshold);
  // A new model brings its own name and threshold.
  useEffect(() => {
    setName(defaultModelName(modelName));
    setThreshold(startThreshold);
  }, [modelName, startThreshold]);

  useEffect(() => {
    void actions.export.listSaved();
  }, [actions]);

  const nameProblem = modelNameProblem(name);
  const thresholdProblem =
    threshold > 0 && threshold < 1 ? undefined : 'The threshold must be between 0 and 1.';
  const busy = exportState.busy;
  const { errors } = exportState;
  const history = exportState.loaded?.history ?? training.history;

  return (
    <Step id="export" intro="Save the model in this browser or download it as a zip.">
      <ModelInUse loaded={exportState.loaded} runName={runModel} />
      <div className="form-grid">
        <label htmlFor={nameId}>
          Model name
          <input
            id={nameId}
            type="text"
            value={name}
            aria-invalid={nameProblem !== null}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          {nameProblem && <span className="field-error">{nameProblem}</span>}
        </label>
        <NumberField
          label="Threshold for prediction and export"
          value={threshold}
          onChange={setThreshold}
          error={thresholdProblem}
          step={0.01}
          min={0.01}
          max={0.99}
        />
      </div>
      <div className="row">
        <button
          type="button"
          disabled={!hasModel || busy !== null || nameProblem !== null || !!thresholdProblem}
          onClick={() => void actions.export.save(name, threshold)}
        >
          Save to browser storage
        </button>
        <button
          type="button"
          disabled={!hasModel || busy !== null || nameProblem !== null || !!thresholdProblem}
          onClick={() => void actions.export.download(name, threshold)}
        >
          Download model (.zip)
        </button>
        <button
          type="button"
          className="secondary"
          disabled={history.length === 0}
          onClick={() => downloadHistory(history, defaultModelName(modelName))}
        >
          Download history (.csv)
        </button>
      </div>
      <div role="status" aria-label="Export status">
        {busy && busy.action !== 'predict' && <p className="muted">{busy.message}</p>}
        {exportState.done && !busy && <p>{exportState.done}</p>}
        {(['save', 'download', 'load', 'delete', 'list'] as const).map(
          (action) =>
            errors[action] && (
              <p key={action} className="field-error" role="alert">
                {errors[action]}
              </p>
            ),
        )}
      </div>

      <h3>Saved models</h3>
      <SavedModelsList models={exportState.saved} busy={busy !== null} />

      <div className="row">
        <label htmlFor={loadId}>
          Load model
          <input
            id={loadId}
            type="file"
            accept=".zip,.h5,application/zip"
            disabled={busy !== null}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void actions.export.loadZip(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <span className="hint">
          a .zip downloaded from the studio, a cluster job's model.h5 (or its results folder
          zipped), or Load in the list above
        </span>
      </div>

      <TryIt
        threshold={threshold}
        canPredict={hasModel && !thresholdProblem}
        prediction={exportState.prediction}
        busy={busy?.action === 'predict' ? busy.message : null}
        error={errors.predict}
      />
    </Step>
  );
}
