import type { DatasetSummary, LabelMapping } from '../../domain/dataset.ts';

const toList = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * The detected mapping (image column, label column, which values mean which
 * class, the class names), editable. Changing the label column asks the
 * worker to detect that column's classes afresh.
 */
export function MappingEditor({
  summary,
  mapping: draft,
  onChange: emit,
}: {
  summary: DatasetSummary;
  mapping: LabelMapping;
  onChange: (mapping: LabelMapping) => void;
}) {
  const columns = summary.labelFile.columns;
  return (
    <fieldset className="form-grid">
      <legend>Label mapping ({summary.labelFile.format})</legend>
      <label>
        Image column
        <select
          value={draft.imageColumn}
          onChange={(e) => emit({ ...draft, imageColumn: e.currentTarget.value })}
        >
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Label column
        <select
          value={draft.labelColumn}
          onChange={(e) =>
            emit({ ...draft, labelColumn: e.currentTarget.value, classValues: [[], []] })
          }
        >
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {([0, 1] as const).map((k) => (
        <label key={`values-${k}`}>
          {`Class ${k} values`}
          <input
            type="text"
            value={draft.classValues[k].join(', ')}
            onChange={(e) => {
              const values: [string[], string[]] = [...draft.classValues];
              values[k] = toList(e.currentTarget.value);
              emit({ ...draft, classValues: values });
            }}
          />
        </label>
      ))}
      {([0, 1] as const).map((k) => (
        <label key={`name-${k}`}>
          {`Class ${k} name`}
          <input
            type="text"
            value={draft.classNames[k]}
            onChange={(e) => {
              const names: [string, string] = [...draft.classNames];
              names[k] = e.currentTarget.value;
              emit({ ...draft, classNames: names });
            }}
          />
        </label>
      ))}
      <p className="intro">
        Values of {summary.mapping.labelColumn}:{' '}
        <span className="mono">{summary.labelValues.join(', ')}</span>
      </p>
    </fieldset>
  );
}
