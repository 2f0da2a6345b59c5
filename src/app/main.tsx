import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { faultFromUrl } from '../domain/faults.ts';
import { forcedBackendFromUrl, kernelChoiceFromUrl, StudioClient } from '../studio/client.ts';
import { StudioContext } from '../studio/useStudio.ts';
import './styles.css';

const client = new StudioClient(
  () =>
    new Worker(new URL('../worker/studio.worker.ts', import.meta.url), {
      type: 'module',
      name: 'studio',
    }),
  forcedBackendFromUrl(window.location.search),
  faultFromUrl(window.location.search),
  kernelChoiceFromUrl(window.location.search),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// The worker starts above while the page's own code loads as a second chunk: two short
// tasks instead of one long one. A transition then builds the first page in slices.
void import('./App.tsx').then(({ App }) => {
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <StudioContext.Provider value={client}>
          <App />
        </StudioContext.Provider>
      </StrictMode>,
    );
  });
});
