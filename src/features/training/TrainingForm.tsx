import { INPUT_SIZES, type ModelOptions } from '../../domain/model.ts';
import type { FieldErrors } from '../../domain/runValidation.ts';
import type { TrainingParams } from '../../domain/training.ts';
import { NumberField } from '../../ui/NumberField.tsx';

interface Props {
  training: TrainingParams;
  model: ModelOptions;
  errors: FieldErrors;
  disabled: boolean;
  onTraining: (change: Partial<TrainingParams>) => void;
  onModel: (change: Partial<ModelOptions>) => void;
  /** Keys of the fields that differ from the preset in force, and its name. */
  changed: ReadonlySet<string>;
  presetName: string;
}

/** The reference's hyperparameters; defaults reproduce its run. */
export function TrainingForm({
  training: t,
  model,
  errors,
  disabled,
  onTraining,
  onModel,
  changed,
  presetName,
}: Props) {
  const from = (key: string) => (changed.has(key) ? presetName : undefined);
  const marked = (key: string, inline = true) => ({
    className:
      [changed.has(key) ? 'changed' : '', inline ? 'inline' : ''].filter(Boolean).join(' ') ||
      undefined,
  });
  const description = (key: string) =>
    changed.has(key) ? `Changed from ${presetName}` : undefined;
  return (
    <fieldset className="form-grid" disabled={disabled} aria-label="Training settings">
      <label {...marked('inputSize', false)}>
        Image size
        <select
          value={model.inputSize}
          aria-description={description('inputSize')}
          onChange={(e) => onModel({ inputSize: Number(e.target.value) })}
        >
          {INPUT_SIZES.map((s) => (
            <option key={s} value={s}>
              {s} × {s}
            </option>
          ))}
        </select>
        {errors.inputSize && <span className="field-error">{errors.inputSize}</span>}
      </label>
      <NumberField
        label="Batch size"
        value={t.batchSize}
        step={1}
        min={1}
        changedFrom={from('batchSize')}
        error={errors.batchSize}
        onChange={(v) => onTraining({ batchSize: v })}
      />
      <NumberField
        label="Epochs"
        value={t.epochs}
        step={1}
        min={0}
        changedFrom={from('epochs')}
        error={errors.epochs}
        onChange={(v) => onTraining({ epochs: v })}
      />
      <NumberField
        label="Learning rate"
        value={t.learningRate}
        changedFrom={from('learningRate')}
        error={errors.learningRate}
        onChange={(v) => onTraining({ learningRate: v })}
      />
      <NumberField
        label="Momentum"
        value={t.momentum}
        step={0.05}
        min={0}
        max={0.999}
        changedFrom={from('momentum')}
        error={errors.momentum}
        onChange={(v) => onTraining({ momentum: v })}
      />
      <label {...marked('nesterov')}>
        <input
          type="checkbox"
          aria-description={description('nesterov')}
          checked={t.nesterov}
          onChange={(e) => onTraining({ nesterov: e.target.checked })}
        />
        Nesterov
      </label>
      <NumberField
        label="Fine-tune epochs"
        value={t.fineTuneEpochs}
        step={1}
        min={0}
        changedFrom={from('fineTuneEpochs')}
        error={errors.fineTuneEpochs}
        onChange={(v) => onTraining({ fineTuneEpochs: v })}
      />
      <NumberField
        label="Fine-tune learning rate"
        value={t.fineTuneLearningRate}
        changedFrom={from('fineTuneLearningRate')}
        error={errors.fineTuneLearningRate}
        onChange={(v) => onTraining({ fineTuneLearningRate: v })}
      />
      <NumberField
        label="Early stopping patience"
        value={t.earlyStoppingPatience}
        step={1}
        min={0}
        changedFrom={from('earlyStoppingPatience')}
        error={errors.earlyStoppingPatience}
        onChange={(v) => onTraining({ earlyStoppingPatience: v })}
      />
      <label {...marked('restoreBestWeights')}>
        <input
          type="checkbox"
          aria-description={description('restoreBestWeights')}
          checked={t.restoreBestWeights}
          onChange={(e) => onTraining({ restoreBestWeights: e.target.checked })}
        />
        Restore best weights
      </label>
      <NumberField
        label="Random seed"
        value={t.seed}
        step={1}
        min={0}
        changedFrom={from('seed')}
        error={errors.seed}
        onChange={(v) => onTraining({ seed: v })}
      />
    </fieldset>
  );
}
