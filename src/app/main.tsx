import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { faultFromUrl } from '../domain/faults.ts';
import { forcedBackendFromUrl, kernelChoiceFromUrl, StudioClient } from '../studio/client.ts';
import { StudioContext } from '../studio/useStudio.ts';
import { App } from './App.tsx';
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
// A transition lets React build the first page in slices instead of one long task.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <StudioContext.Provider value={client}>
        <App />
      </StudioContext.Provider>
    </StrictMode>,
  );
});
