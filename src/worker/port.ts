import type { StudioEvent } from '../protocol/index.ts';

/** The worker's only way to talk to the page. */
export type Post = (event: StudioEvent, transfer?: Transferable[]) => void;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
