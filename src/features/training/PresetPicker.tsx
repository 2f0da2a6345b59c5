import { useId } from 'react';
import {
  CONFIG_FIELDS,
  PRESET_IDS,
  PRESETS,
  type Preset,
  type PresetId,
} from '../../domain/presets.ts';

/** Which preset is in force, what it is for, and which settings (in any step) differ from it. */
export function PresetPicker({
  preset,
  changed,
  onPick,
}: {
  preset: Preset;
  changed: ReadonlySet<string>;
  onPick: (id: PresetId) => void;
}) {
  const id = useId();
  const changedLabels = CONFIG_FIELDS.filter((f) => changed.has(f.key)).map((f) => f.label);
  return (
    <div className="preset">
      <label htmlFor={id}>Preset</label>
      <select
        id={id}
        value={preset.id}
        onChange={(e) => {
          const picked = PRESET_IDS.find((p) => p === e.target.value);
          if (picked) onPick(picked);
        }}
      >
        {PRESET_IDS.map((option) => (
          <option key={option} value={option}>
            {PRESETS[option].name}
          </option>
        ))}
      </select>
      <p role="status" aria-label="Preset in force" className="note">
        Preset in force: <strong>{preset.name}</strong>
        {changedLabels.length === 0
          ? ', unchanged.'
          : `, ${changedLabels.length} ${changedLabels.length === 1 ? 'setting' : 'settings'} changed from it: ${changedLabels.join(', ')}.`}{' '}
        {preset.purpose}
      </p>
    </div>
  );
}
