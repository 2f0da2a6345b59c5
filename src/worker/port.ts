import type { StudioEvent } from '../protocol/index.ts';

/** The worker's only way to talk to the page. */
export type Post = (event: StudioEvent, transfer?: Transferable[]) => void;

export const post: Post = (event, transfer = []) => {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(event, transfer);
};

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function reportError(error: unknown, context: string | null): void {
  post({ scope: 'system', type: 'error', message: errorMessage(error), context });
}
