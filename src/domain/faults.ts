/**
 * Faults a tester can inject through the page's URL, so the recovery paths
 * (worker restart, device loss, resume from checkpoint) run for real:
 * `?simulate=worker-crash-after-epoch-1` or `?simulate=device-lost-after-epoch-1`.
 * Each strikes once, after the checkpoint of that epoch is saved.
 */
export interface SimulatedFault {
  kind: 'worker-crash' | 'device-lost';
  afterEpoch: number;
}

const FAULT = /^(worker-crash|device-lost)-after-epoch[-=](\d+)$/;

export function faultFromUrl(search: string): SimulatedFault | null {
  const match = FAULT.exec(new URLSearchParams(search).get('simulate') ?? '');
  if (!match) return null;
  const afterEpoch = Number(match[2]);
  if (!(afterEpoch >= 1)) return null;
  return { kind: match[1] === 'worker-crash' ? 'worker-crash' : 'device-lost', afterEpoch };
}
