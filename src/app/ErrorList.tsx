import { dismissError } from '../studio/slices/system.ts';
import { useStudio, useStudioClient } from '../studio/useStudio.ts';

/** Errors the worker reported; each can be dismissed, and the page keeps working. */
export function ErrorList() {
  const client = useStudioClient();
  const errors = useStudio((s) => s.system.errors);
  if (errors.length === 0) return null;
  return (
    <div className="error-list" role="alert">
      {errors.map((e) => (
        <p key={e.id} className="error">
          <span>{e.message}</span>
          <button
            type="button"
            className="link"
            aria-label="Dismiss message"
            onClick={() => client.update((s) => ({ ...s, system: dismissError(s.system, e.id) }))}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
