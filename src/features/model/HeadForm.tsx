import { useEffect, useId, useState } from 'react';
import type { BlockNumber, ModelOptions, Pooling } from '../../domain/model.ts';
import { changedDescription, usePresetChanges } from '../../studio/usePresetChanges.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { parseDenseUnits } from './denseUnits.ts';

const BLOCKS: BlockNumber[] = [1, 2, 3, 4, 5];

function isBlock(n: number): n is BlockNumber {
  return (BLOCKS as number[]).includes(n);
}

interface Props {
  model: ModelOptions;
  onChange: (model: ModelOptions) => void;
}

/** The head (pooling, Dense layers, dropout) and how far fine-tuning reaches into the base. */
export function HeadForm({ model, onChange }: Props) {
  const id = useId();
  const joined = model.head.dense.join(', ');
  const [unitsText, setUnitsText] = useState(joined);
  const [unitsError, setUnitsError] = useState<string | null>(null);
  const [dropoutError, setDropoutError] = useState<string | undefined>(undefined);
  // Follow outside changes (a restored run, say) unless the field already says the same.
  useEffect(() => {
    setUnitsText((text) => {
      const parsed = parseDenseUnits(text);
      return 'units' in parsed && parsed.units.join(', ') === joined ? text : joined;
    });
  }, [joined]);
  const head = model.head;
  const changes = usePresetChanges();
  const mark = (key: string) => (changes.changed.has(key) ? 'changed' : undefined);
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-pooling`} className={mark('pooling')}>
        Pooling
        <select
          id={`${id}-pooling`}
          aria-description={changedDescription(changes, 'pooling')}
          value={head.pooling}
          onChange={(e) => {
            const pooling: Pooling = e.target.value === 'avg' ? 'avg' : 'flatten';
            onChange({ ...model, head: { ...head, pooling } });
          }}
        >
          <option value="flatten">Flatten</option>
          <option value="avg">Global average</option>
        </select>
      </label>
      <label htmlFor={`${id}-dense`} className={mark('dense')}>
        Dense units
        <input
          id={`${id}-dense`}
          aria-description={changedDescription(changes, 'dense')}
          type="text"
          inputMode="numeric"
          value={unitsText}
          aria-invalid={unitsError ? true : undefined}
          aria-describedby={unitsError ? `${id}-dense-error` : undefined}
          onChange={(e) => {
            setUnitsText(e.target.value);
            const parsed = parseDenseUnits(e.target.value);
            if ('error' in parsed) {
              setUnitsError(parsed.error);
              return;
            }
            setUnitsError(null);
            onChange({ ...model, head: { ...head, dense: parsed.units } });
          }}
        />
        {unitsError && (
          <span id={`${id}-dense-error`} className="field-error">
            {unitsError}
          </span>
        )}
      </label>
      <NumberField
        label="Dropout"
        value={head.dropout}
        step={0.05}
        min={0}
        max={0.95}
        error={dropoutError}
        changedFrom={changes.changed.has('dropout') ? changes.presetName : undefined}
        onChange={(dropout) => {
          if (!(dropout >= 0 && dropout < 1)) {
            setDropoutError('At least 0 and below 1');
            return;
          }
          setDropoutError(undefined);
          onChange({ ...model, head: { ...head, dropout } });
        }}
      />
      <label htmlFor={`${id}-unfreeze`} className={mark('unfreezeFromBlock')}>
        Unfreeze from block
        <select
          id={`${id}-unfreeze`}
          aria-description={changedDescription(changes, 'unfreezeFromBlock')}
          value={model.unfreezeFromBlock}
          onChange={(e) => {
            const block = Number(e.target.value);
            if (isBlock(block)) onChange({ ...model, unfreezeFromBlock: block });
          }}
        >
          {BLOCKS.map((b) => (
            <option key={b} value={b}>
              {b === 1 ? '1 (whole base)' : String(b)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
