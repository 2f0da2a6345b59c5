import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  error?: string | undefined;
  step?: number | 'any';
  min?: number;
  max?: number;
  disabled?: boolean;
  /** The preset this field's value differs from, when it does. */
  changedFrom?: string | undefined;
}

/**
 * A labelled number input that keeps what the person typed (so "0." can
 * become "0.01") and reports NaN for text that is not a number, which the
 * form's validation then names at the field.
 */
export function NumberField({
  label,
  value,
  onChange,
  error,
  step = 'any',
  min,
  max,
  disabled,
  changedFrom,
}: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  return (
    <label htmlFor={id} className={changedFrom ? 'changed' : undefined}>
      {label}
      <input
        id={id}
        type="number"
        value={text}
        step={step}
        min={min}
        max={max}
        disabled={disabled}
        aria-description={changedFrom ? `Changed from ${changedFrom}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
        }}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </label>
  );
}
