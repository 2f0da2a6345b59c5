/** A trace event as Chromium writes it (only the fields read here). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** One main-thread task: when it started (µs, trace clock), its wall and CPU time (ms). */
export interface TaskTime {
  ts: number;
  wallMs: number;
  cpuMs: number;
}

const RUN_TASK = 'ThreadControllerImpl::RunTask';

/**
 * The top-level tasks of the busiest renderer main thread in a Chromium trace
 * (category `toplevel`): the page's own thread. CPU time is the thread's, so it
 * stays the same however loaded the machine is, where wall time does not.
 */
export function rendererTasks(events: readonly TraceEvent[]): TaskTime[] {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== RUN_TASK || e.ph !== 'X' || !mains.has(key)) continue;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  const cpu = (list: TraceEvent[]) => list.reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  const busiest = [...byThread.values()].sort((a, b) => cpu(b) - cpu(a))[0] ?? [];
  const tasks: TaskTime[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of [...busiest].sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue; // nested in the task before
    end = e.ts + (e.dur ?? 0);
    tasks.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
  }
  return tasks;
}

/** When `performance.mark(name)` was called, on the trace clock (category `blink.user_timing`). */
export function markTime(events: readonly TraceEvent[], name: string): number | null {
  return events.find((e) => e.name === name && e.ph !== 'X')?.ts ?? null;
}
