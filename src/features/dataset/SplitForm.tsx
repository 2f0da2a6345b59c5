import { SPLIT_NAMES, type SplitName, type SplitOptions } from '../../domain/dataset.ts';

const LABELS: Record<SplitName, string> = {
  train: 'Train fraction',
  validation: 'Validation fraction',
  test: 'Test fraction',
};

/** The problem with the fractions as typed, or null when they can be used. */
export function fractionsProblem(fractions: SplitOptions['fractions']): string | null {
  const values = SPLIT_NAMES.map((n) => fractions[n]);
  if (values.some((v) => !Number.isFinite(v) || v < 0 || v > 1)) {
    return 'Each fraction must be between 0 and 1.';
  }
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) > 1e-6
    ? `The fractions add up to ${Number(sum.toFixed(4))}, not 1.`
    : null;
}

/** Split fractions, seed and row limit; used when loading and when re-splitting. */
export function SplitForm({
  split,
  onChange,
  fromPartition,
}: {
  split: SplitOptions;
  onChange: (split: SplitOptions) => void;
  fromPartition: boolean;
}) {
  const problem = fractionsProblem(split.fractions);
  return (
    <fieldset className="form-grid">
      <legend>Split</legend>
      {SPLIT_NAMES.map((name) => (
        <label key={name}>
          {LABELS[name]}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={split.fractions[name]}
            disabled={fromPartition}
            onChange={(e) =>
              onChange({
                ...split,
                fractions: { ...split.fractions, [name]: e.currentTarget.valueAsNumber },
              })
            }
          />
        </label>
      ))}
      <label>
        Split seed
        <input
          type="number"
          step={1}
          value={split.seed}
          disabled={fromPartition && split.limit === null}
          onChange={(e) =>
            onChange({ ...split, seed: Math.trunc(e.currentTarget.valueAsNumber || 0) })
          }
        />
      </label>
      <label>
        Limit images
        <input
          type="number"
          min={1}
          step={1}
          placeholder="all"
          value={split.limit ?? ''}
          onChange={(e) => {
            const n = e.currentTarget.valueAsNumber;
            onChange({ ...split, limit: Number.isFinite(n) && n >= 1 ? Math.trunc(n) : null });
          }}
        />
      </label>
      {fromPartition && (
        <p className="intro">
          The partition file decides the split; fractions are not used. A limit keeps each split's
          share of the partition, stratified by class and drawn with the seed.
        </p>
      )}
      {problem && !fromPartition && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
