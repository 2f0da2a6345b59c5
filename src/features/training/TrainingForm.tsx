import type { ModelOptions } from '../../domain/model.ts';
import type { TrainingParams } from '../../domain/training.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { type FieldErrors, IMAGE_SIZES } from './validate.ts';

interface Props {
  training: TrainingParams;
  model: ModelOptions;
  errors: FieldErrors;
  disabled: boolean;
  onTraining: (change: Partial<TrainingParams>) => void;
  onModel: (change: Partial<ModelOptions>) => void;
}

/** The reference's hyperparameters; defaults reproduce its run. */
export function TrainingForm({ training: t, model, errors, disabled, onTraining, onModel }: Props) {
  return (
    <fieldset className="form-grid" disabled={disabled} aria-label="Training settings">
      <label>
        Image size
        <select
          value={model.inputSize}
          onChange={(e) => onModel({ inputSize: Number(e.target.value) })}
        >
          {IMAGE_SIZES.map((s) => (
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
        error={errors.batchSize}
        onChange={(v) => onTraining({ batchSize: v })}
      />
      <NumberField
        label="Epochs"
        value={t.epochs}
        step={1}
        min={0}
        error={errors.epochs}
        onChange={(v) => onTraining({ epochs: v })}
      />
      <NumberField
        label="Learning rate"
        value={t.learningRate}
        error={errors.learningRate}
        onChange={(v) => onTraining({ learningRate: v })}
      />
      <NumberField
        label="Momentum"
        value={t.momentum}
        step={0.05}
        min={0}
        max={0.999}
        error={errors.momentum}
        onChange={(v) => onTraining({ momentum: v })}
      />
      <label className="inline">
        <input
          type="checkbox"
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
        error={errors.fineTuneEpochs}
        onChange={(v) => onTraining({ fineTuneEpochs: v })}
      />
      <NumberField
        label="Fine-tune learning rate"
        value={t.fineTuneLearningRate}
        error={errors.fineTuneLearningRate}
        onChange={(v) => onTraining({ fineTuneLearningRate: v })}
      />
      <NumberField
        label="Early stopping patience"
        value={t.earlyStoppingPatience}
        step={1}
        min={0}
        error={errors.earlyStoppingPatience}
        onChange={(v) => onTraining({ earlyStoppingPatience: v })}
      />
      <label className="inline">
        <input
          type="checkbox"
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
        error={errors.seed}
        onChange={(v) => onTraining({ seed: v })}
      />
    </fieldset>
  );
}
