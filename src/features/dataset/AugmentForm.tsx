import { useEffect, useState } from 'react';
import type { AugmentParams } from '../../domain/dataset.ts';
import { changedDescription, usePresetChanges } from '../../studio/usePresetChanges.ts';

/** "0.8, 1.2" → [0.8, 1.2]; null when it is not two numbers with low ≤ high. */
export function parseBrightness(text: string): [number, number] | null {
  const parts = text
    .split(/[\s,;]+/)
    .filter((p) => p !== '')
    .map(Number);
  const [low, high] = parts;
  if (parts.length !== 2 || low === undefined || high === undefined) return null;
  if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high < low) return null;
  return [low, high];
}

const NUMBER_FIELDS = [
  ['rotationRange', 'Rotation range', 'degrees', 180, 1],
  ['zoomRange', 'Zoom range', 'fraction', 1, 0.05],
  ['widthShift', 'Width shift', 'fraction of the width', 1, 0.05],
  ['heightShift', 'Height shift', 'fraction of the height', 1, 0.05],
] as const;

/** Keras ImageDataGenerator's knobs, as the training run will apply them. */
export function AugmentForm({
  augment,
  onChange,
}: {
  augment: AugmentParams;
  onChange: (augment: AugmentParams) => void;
}) {
  const [brightness, setBrightness] = useState(augment.brightnessRange.join(', '));
  // Follow outside changes, but never rewrite what is being typed ("0.8, 1." stays).
  useEffect(() => {
    const [low, high] = augment.brightnessRange;
    setBrightness((text) => {
      const typed = parseBrightness(text);
      return typed && typed[0] === low && typed[1] === high ? text : `${low}, ${high}`;
    });
  }, [augment.brightnessRange]);
  const brightnessOk = parseBrightness(brightness) !== null;
  const changes = usePresetChanges();
  const mark = (key: keyof AugmentParams, base?: string) => ({
    className:
      [base, changes.changed.has(key) ? 'changed' : undefined].filter(Boolean).join(' ') ||
      undefined,
  });
  const described = (key: keyof AugmentParams) => changedDescription(changes, key);
  return (
    <fieldset className="form-grid">
      <legend>Augmentation</legend>
      <label {...mark('horizontalFlip', 'inline')}>
        <input
          type="checkbox"
          aria-description={described('horizontalFlip')}
          checked={augment.horizontalFlip}
          onChange={(e) => onChange({ ...augment, horizontalFlip: e.currentTarget.checked })}
        />
        Horizontal flip
      </label>
      {NUMBER_FIELDS.map(([key, label, unit, max, step]) => (
        <label key={key} title={unit} {...mark(key)}>
          {label}
          <input
            type="number"
            aria-description={described(key)}
            min={0}
            max={max}
            step={step}
            value={augment[key]}
            onChange={(e) => {
              const value = e.currentTarget.valueAsNumber;
              if (Number.isFinite(value) && value >= 0 && value <= max) {
                onChange({ ...augment, [key]: value });
              }
            }}
          />
        </label>
      ))}
      <label {...mark('brightnessRange')}>
        Brightness range
        <input
          type="text"
          aria-description={described('brightnessRange')}
          value={brightness}
          aria-invalid={!brightnessOk}
          placeholder="1, 1"
          onChange={(e) => {
            const text = e.currentTarget.value;
            setBrightness(text);
            const parsed = parseBrightness(text);
            if (parsed) onChange({ ...augment, brightnessRange: parsed });
          }}
        />
        {!brightnessOk && (
          <span className="field-error">Two numbers, low then high, such as 0.8, 1.2.</span>
        )}
      </label>
    </fieldset>
  );
}
