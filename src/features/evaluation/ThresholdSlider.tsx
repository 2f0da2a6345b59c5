import { useId } from 'react';

/** The decision threshold: p(class 1) at or above it predicts class 1. */
export function ThresholdSlider({
  value,
  onChange,
  positiveClass,
}: {
  value: number;
  onChange: (value: number) => void;
  positiveClass: string;
}) {
  const hint = useId();
  return (
    <div className="threshold">
      <label className="inline">
        Decision threshold
        <input
          type="range"
          min={0.01}
          max={0.99}
          step={0.01}
          value={value}
          aria-describedby={hint}
          onChange={(e) => onChange(Number(e.currentTarget.value))}
        />
        <output className="mono">{value.toFixed(2)}</output>
      </label>
      <p id={hint} className="hint">
        Predict {positiveClass} when p({positiveClass}) ≥ {value.toFixed(2)}.
      </p>
    </div>
  );
}
