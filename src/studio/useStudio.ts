import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { type StudioActions, studioActions } from './actions.ts';
import type { StudioClient } from './client.ts';
import type { SettingsState } from './slices/settings.ts';
import type { StudioState } from './state.ts';

export const StudioContext = createContext<StudioClient | null>(null);

export function useStudioClient(): StudioClient {
  const client = useContext(StudioContext);
  if (!client) throw new Error('useStudioClient needs a <StudioContext.Provider>');
  return client;
}

/** The page's commands to the worker, each answered (see actions.ts). */
export function useActions(): StudioActions {
  const client = useStudioClient();
  return useMemo(() => studioActions(client), [client]);
}

/** Whether any request this component tracks is still waiting for its answer. */
export function useBusy(): [boolean, (request: Promise<unknown>) => void] {
  const [waiting, setWaiting] = useState(0);
  const track = useCallback((request: Promise<unknown>) => {
    setWaiting((n) => n + 1);
    void request.finally(() => setWaiting((n) => n - 1));
  }, []);
  return [waiting > 0, track];
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
