import { type FormEvent, useState } from 'react';
import type { RunConfig } from '../../domain/training.ts';
import { useActions, useSettings, useStudio } from '../../studio/useStudio.ts';
import { expandGrid } from './grid.ts';

/** Learning rates × batch sizes, queued as runs that train one after another. */
export function GridQueueForm() {
  const actions = useActions();
  const [settings] = useSettings();
  const queue = useStudio((s) => s.training.queue);
  const [rates, setRates] = useState('0.01, 0.001');
  const [sizes, setSizes] = useState('8, 16');
  const [errors, setErrors] = useState<string[]>([]);
  const base: RunConfig = {
    model: settings.model,
    augment: settings.augment,
    training: settings.training,
  };
  const preview = expandGrid(base, rates, sizes);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const grid = expandGrid(base, rates, sizes);
    if (!grid.ok) {
      setErrors(grid.errors);
      return;
    }
    setErrors([]);
    void actions.training.queue(grid.configs, 'grid');
  };

  return (
    <form className="grid-queue" aria-label="Grid queue" onSubmit={submit} noValidate>
      <h3>Queue a grid</h3>
      <p className="hint">
        Every combination trains in turn with the other settings of the Model and Train steps.
      </p>
      <div className="form-grid">
        <label>
          Learning rates
          <input value={rates} onChange={(e) => setRates(e.currentTarget.value)} />
        </label>
        <label>
          Batch sizes
          <input value={sizes} onChange={(e) => setSizes(e.currentTarget.value)} />
        </label>
      </div>
      <div className="row">
        <button type="submit">Queue grid</button>
        {preview.ok && (
          <span className="hint">
            {preview.configs.length} {preview.configs.length === 1 ? 'run' : 'runs'}
          </span>
        )}
        {queue && (
          <output aria-label="Queue progress">
            Grid queue: run {queue.position} of {queue.total}
          </output>
        )}
      </div>
      {errors.length > 0 && (
        <ul className="field-error" role="alert">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
