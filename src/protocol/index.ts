import type { DatasetCommand, DatasetEvent } from './dataset.ts';
import type { ExportCommand, ExportEvent } from './export.ts';
import type { ModelCommand, ModelEvent } from './model.ts';
import type { SystemCommand, SystemEvent } from './system.ts';
import type { TrainingCommand, TrainingEvent } from './training.ts';

/** Everything the main thread may ask of the worker. */
export type Command =
  | SystemCommand
  | DatasetCommand
  | ModelCommand
  | TrainingCommand
  | ExportCommand;

/** Everything the worker reports back. */
export type StudioEvent = SystemEvent | DatasetEvent | ModelEvent | TrainingEvent | ExportEvent;

export type CommandScope = Command['scope'];
export type EventScope = StudioEvent['scope'];

const SCOPES: readonly string[] = ['system', 'dataset', 'model', 'training', 'export'];

/** Structural guard for messages arriving over postMessage. */
export function isStudioMessage(value: unknown): value is { scope: string; type: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { scope, type } = value as { scope?: unknown; type?: unknown };
  return typeof scope === 'string' && SCOPES.includes(scope) && typeof type === 'string';
}
