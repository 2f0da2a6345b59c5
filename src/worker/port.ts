import type { StudioEvent } from '../protocol/index.ts';

/** The worker's only way to talk to the page. */
export type Post = (event: StudioEvent, transfer?: Transferable[]) => void;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A failure its handler already showed in its own scope: the command only needs its `failed`. */
export class Reported extends Error {
  override name = 'Reported';
}

/** Posts `event` for a failure, then rejects with it as already reported. */
export function reported(post: Post, event: StudioEvent, message: string): Reported {
  post(event);
  return new Reported(message);
}
