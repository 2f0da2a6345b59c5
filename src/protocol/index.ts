import type { DatasetCommand, DatasetEvent } from './dataset.ts';
import type { EvaluationCommand, EvaluationEvent } from './evaluation.ts';
import type { ExportCommand, ExportEvent } from './export.ts';
import type { ModelCommand, ModelEvent } from './model.ts';
import type { SystemCommand, SystemEvent } from './system.ts';
import type { TrainingCommand, TrainingEvent } from './training.ts';

/** What the main thread may ask of the worker, before the client numbers it. */
export type CommandBody =
  | SystemCommand
  | DatasetCommand
  | ModelCommand
  | TrainingCommand
  | EvaluationCommand
  | ExportCommand;

/**
 * A command as sent: every one carries an id, and the worker answers each
 * with a `done` or a `failed` event bearing that id.
 */
export type Command = CommandBody & { id: number };

/** Everything the worker reports back. */
export type StudioEvent =
  | SystemEvent
  | DatasetEvent
  | ModelEvent
  | TrainingEvent
  | EvaluationEvent
  | ExportEvent;

export type CommandScope = Command['scope'];
export type EventScope = StudioEvent['scope'];

const SCOPES: readonly string[] = [
  'system',
  'dataset',
  'model',
  'training',
  'evaluation',
  'export',
];

/** Structural guard for messages arriving over postMessage. */
export function isStudioMessage(value: unknown): value is { scope: string; type: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { scope, type } = value as { scope?: unknown; type?: unknown };
  return typeof scope === 'string' && SCOPES.includes(scope) && typeof type === 'string';
}

/** Structural guard for a command: a message with a numeric id. */
export function isCommand(value: unknown): value is Command {
  return isStudioMessage(value) && typeof (value as { id?: unknown }).id === 'number';
}
