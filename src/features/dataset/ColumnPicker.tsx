import { useState } from 'react';
import type { LabelMapping } from '../../domain/dataset.ts';

const IMAGE_HINT = /image|file|name|path|img|id/i;

/**
 * Shown when a label file was read but its image or label column was not
 * recognised: the columns are picked by hand and the load goes on with them.
 */
export function ColumnPicker({
  fileName,
  columns,
  busy,
  onPick,
}: {
  fileName: string;
  columns: string[];
  busy: boolean;
  onPick: (mapping: LabelMapping) => void;
}) {
  const guess = columns.find((c) => IMAGE_HINT.test(c)) ?? columns[0] ?? '';
  const [imageColumn, setImageColumn] = useState(guess);
  const [labelColumn, setLabelColumn] = useState(columns.find((c) => c !== guess) ?? '');
  return (
    <fieldset className="form-grid" aria-label="Pick the columns">
      <legend>Pick the columns of {fileName}</legend>
      <label>
        Column with the image names
        <select value={imageColumn} onChange={(e) => setImageColumn(e.currentTarget.value)}>
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Column with the labels
        <select value={labelColumn} onChange={(e) => setLabelColumn(e.currentTarget.value)}>
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <div className="row">
        <button
          type="button"
          disabled={busy || imageColumn === labelColumn}
          onClick={() =>
            onPick({ imageColumn, labelColumn, classValues: [[], []], classNames: ['', ''] })
          }
        >
          Use these columns
        </button>
      </div>
    </fieldset>
  );
}
