import { changedFromPreset, PRESETS } from '../domain/presets.ts';
import { useStudio } from './useStudio.ts';

export interface PresetChanges {
  /** Keys (as in CONFIG_FIELDS) of the settings that differ from the preset in force. */
  changed: ReadonlySet<string>;
  presetName: string;
}

/** Which run settings differ from the preset in force, for any form to mark. */
export function usePresetChanges(): PresetChanges {
  const settings = useStudio((s) => s.settings);
  const preset = PRESETS[settings.preset];
  return { changed: changedFromPreset(settings, preset), presetName: preset.name };
}

/** The description a changed field's input carries, or undefined when it matches the preset. */
export function changedDescription(changes: PresetChanges, key: string): string | undefined {
  return changes.changed.has(key) ? `Changed from ${changes.presetName}` : undefined;
}
