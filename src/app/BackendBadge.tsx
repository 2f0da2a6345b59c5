import { useStudio } from '../studio/useStudio.ts';

/** Always visible: which backend trains, and why it was chosen. */
export function BackendBadge() {
  const stage = useStudio((s) => s.system.stage);
  const backend = useStudio((s) => s.system.backend);
  const waiting = stage === 'crashed' ? 'worker stopped' : 'choosing…';
  return (
    <output
      className="backend-badge"
      aria-label="Compute backend"
      data-backend={backend?.name ?? ''}
    >
      <span className="backend-name">{backend?.name ?? waiting}</span>
      {backend && <span className="backend-reason"> — {backend.reason}</span>}
    </output>
  );
}
