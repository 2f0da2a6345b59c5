import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioClient } from './client.ts';
import type { SettingsState } from './slices/settings.ts';
import type { StudioState } from './state.ts';

export const StudioContext = createContext<StudioClient | null>(null);

export function useStudioClient(): StudioClient {
  const client = useContext(StudioContext);
  if (!client) throw new Error('useStudioClient needs a <StudioContext.Provider>');
  return client;
}

/** Subscribes a component to one slice of the studio state. */
export function useStudio<T>(select: (state: StudioState) => T): T {
  const client = useStudioClient();
  return useSyncExternalStore(client.subscribe, () => select(client.getState()));
}

/** Changes one part of the page-side settings. */
export function useSettings(): [SettingsState, (change: Partial<SettingsState>) => void] {
  const client = useStudioClient();
  const settings = useStudio((s) => s.settings);
  const update = (change: Partial<SettingsState>) =>
    client.update((s) => ({ ...s, settings: { ...s.settings, ...change } }));
  return [settings, update];
}
