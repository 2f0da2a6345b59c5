import type { RunConfig } from '../../domain/training.ts';

/** More runs than this would keep a browser tab busy for days at the reference settings. */
export const MAX_GRID_RUNS = 12;

export type GridExpansion = { ok: true; configs: RunConfig[] } | { ok: false; errors: string[] };

interface ParsedList {
  values: number[];
  errors: string[];
}

/** Reads "0.01, 0.001" into numbers, naming the field and the entry that is wrong. */
export function parseNumberList(text: string, field: string, integer: boolean): ParsedList {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const errors: string[] = [];
  const values: number[] = [];
  if (entries.length === 0) errors.push(`${field}: enter at least one value, separated by commas.`);
  for (const entry of entries) {
    const value = Number(entry);
    if (!Number.isFinite(value)) errors.push(`${field}: "${entry}" is not a number.`);
    else if (value <= 0) errors.push(`${field}: ${entry} must be greater than 0.`);
    else if (integer && !Number.isInteger(value)) {
      errors.push(`${field}: ${entry} must be a whole number.`);
    } else if (values.includes(value)) errors.push(`${field}: ${entry} is listed twice.`);
    else values.push(value);
  }
  return { values, errors };
}

/**
 * Every learning rate × batch size on top of `base`, learning rates outermost,
 * each list in the order written.
 */
export function expandGrid(
  base: RunConfig,
  learningRatesText: string,
  batchSizesText: string,
): GridExpansion {
  const rates = parseNumberList(learningRatesText, 'Learning rates', false);
  const sizes = parseNumberList(batchSizesText, 'Batch sizes', true);
  const errors = [...rates.errors, ...sizes.errors];
  const count = rates.values.length * sizes.values.length;
  if (errors.length === 0 && count > MAX_GRID_RUNS) {
    errors.push(
      `${rates.values.length} learning rates × ${sizes.values.length} batch sizes make ${count} runs; the most a grid may queue is ${MAX_GRID_RUNS}.`,
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  const configs = rates.values.flatMap((learningRate) =>
    sizes.values.map(
      (batchSize): RunConfig => ({
        ...base,
        training: { ...base.training, learningRate, batchSize },
      }),
    ),
  );
  return { ok: true, configs };
}
