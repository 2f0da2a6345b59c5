import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type StudioActions, studioActions } from './actions.ts';
import type { StudioClient } from './client.ts';
import type { SettingsState } from './slices/settings.ts';
import { sliceWatch } from './sliceWatch.ts';
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

/**
 * Subscribes a component to one slice of the studio state. The component
 * holds the state it last rendered as React state, so every render reads
 * one consistent snapshot; a change re-renders it only when its slice
 * changed. Worker events arrive as a transition: React renders them in
 * slices of a few milliseconds between frames instead of one long task
 * (an external store's updates would always render at once). The page's
 * own changes render at once, so inputs stay in step with typing.
 */
export function useStudio<T>(select: (state: StudioState) => T): T {
  const client = useStudioClient();
  const [snapshot, setSnapshot] = useState(client.getState);
  const selector = useRef(select);
  selector.current = select;
  const [watch] = useState(() =>
    sliceWatch(client.getState, snapshot, (next, urgent) => {
      if (urgent) setSnapshot(next);
      else startTransition(() => setSnapshot(next));
    }),
  );
  const changed = useCallback((urgent: boolean) => watch(selector.current, urgent), [watch]);
  // A change between the first render and this subscription counts too.
  useLayoutEffect(() => {
    changed(true);
    return client.subscribe(changed);
  }, [client, changed]);
  // A selector that reads props (which run, which class) may want a slice
  // the snapshot held does not have yet.
  useLayoutEffect(() => changed(false));
  return select(snapshot);
}

/** Changes one part of the page-side settings. */
export function useSettings(): [SettingsState, (change: Partial<SettingsState>) => void] {
  const client = useStudioClient();
  const settings = useStudio((s) => s.settings);
  const update = (change: Partial<SettingsState>) =>
    client.update((s) => ({ ...s, settings: { ...s.settings, ...change } }));
  return [settings, update];
}
