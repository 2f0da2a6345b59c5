import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioClient } from './client.ts';
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
