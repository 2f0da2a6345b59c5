import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { StudioClient } from '../studio/client.ts';
import { StudioContext } from '../studio/useStudio.ts';

/**
 * Mounts the studio into `root`. React loads with this module and the
 * page's own components as a chunk after it, so neither evaluation is one
 * long task with the other; a transition then builds the first page in slices.
 */
export async function render(root: HTMLElement, client: StudioClient): Promise<void> {
  const reactRoot = createRoot(root);
  const { App } = await import('./App.tsx');
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <StudioContext.Provider value={client}>
          <App />
        </StudioContext.Provider>
      </StrictMode>,
    );
  });
}
