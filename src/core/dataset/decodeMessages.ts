import type { ZipEntryRef } from './zipEntry.ts';

/**
 * Where a decode worker finds an image: a zip it was handed once (by number),
 * or a folder's file, whose handle travels with the request.
 */
export type DecodeTarget =
  | { kind: 'zip'; archive: number; entry: ZipEntryRef }
  | { kind: 'file'; file: Blob; path: string; size: number };

/** What the training thread asks a decode worker. */
export type DecodeRequest =
  /** A zip's handle, sent once per worker; requests then name it by number. */
  | { type: 'archive'; archive: number; blob: Blob; name: string }
  | { type: 'decode'; id: number; name: string; size: number; target: DecodeTarget };

/** One image's answer: its size × size RGB pixels (their buffer transferred), or why it failed. */
export type DecodeReply =
  | { id: number; ok: true; width: number; height: number; data: Uint8Array }
  | { id: number; ok: false; message: string };
