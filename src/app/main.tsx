import { faultFromUrl } from '../domain/faults.ts';
import { forcedBackendFromUrl, kernelChoiceFromUrl, StudioClient } from '../studio/client.ts';
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
// The worker starts at once; React and the page's components load after, each
// chunk evaluated in a task of its own.
void import('./render.tsx').then(({ render }) => render(root, client));
