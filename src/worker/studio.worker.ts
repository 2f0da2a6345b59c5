/// <reference lib="webworker" />
import { isCommand } from '../protocol/index.ts';
import { indexedDbRunStore } from '../storage/runStore.ts';
import { indexedDbWeightsCache } from '../storage/weightsCache.ts';
import { startBackend } from './backends.ts';
import { restoreDemo } from './dataset.ts';
import { workerDecoder } from './decode.ts';
import { createDispatcher } from './dispatch.ts';
import { isFatal } from './faults.ts';
import { errorMessage, type Post } from './port.ts';
import { createSession } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post: Post = (event, transfer = []) => scope.postMessage(event, transfer);
const reportError = (error: unknown, context: string | null) =>
  post({ scope: 'system', type: 'error', message: errorMessage(error), context });

const session = createSession(post, {
  decoder: workerDecoder,
  runStore: indexedDbRunStore,
  weightsCache: indexedDbWeightsCache,
  startBackend,
  restoreDemo,
});

const dispatch = createDispatcher(session);

scope.addEventListener('message', (message: MessageEvent<unknown>) => {
  if (isCommand(message.data)) void dispatch(message.data);
  else reportError(new Error('Malformed message from the page'), null);
});

scope.addEventListener('error', (event) => {
  // Left unhandled, a fatal error reaches the page, which restarts the worker.
  if (isFatal(event.error)) return;
  event.preventDefault();
  reportError(event.error ?? event.message, 'worker');
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  if (isFatal(event.reason)) {
    setTimeout(() => {
      throw event.reason;
    }, 0);
    return;
  }
  reportError(event.reason, 'worker');
});

post({ scope: 'system', type: 'lifecycle', stage: 'booting' });
