import { describe, expect, it } from 'vitest';
import { sliceWatch } from '../../src/studio/sliceWatch.ts';

interface State {
  progress: number;
  message: string;
}

function watched(initial: State) {
  let state = initial;
  const scheduled: { next: State; urgent: boolean }[] = [];
  const watch = sliceWatch(
    () => state,
    initial,
    (next, urgent) => scheduled.push({ next, urgent }),
  );
  return {
    set: (change: Partial<State>) => {
      state = { ...state, ...change };
    },
    watch,
    scheduled,
  };
}

const message = (s: State) => s.message;

describe('sliceWatch', () => {
  it('asks for a render only when the watched slice changed, passing on its urgency', () => {
    const w = watched({ progress: 0, message: '' });
    w.set({ progress: 1 });
    w.watch(message, false);
    expect(w.scheduled).toEqual([]);
    w.set({ message: 'Epoch 1' });
    w.watch(message, false);
    w.set({ message: 'Epoch 2' });
    w.watch(message, true);
    expect(w.scheduled.map((s) => [s.next.message, s.urgent])).toEqual([
      ['Epoch 1', false],
      ['Epoch 2', true],
    ]);
  });

  it('a slice that changes and changes back before the render ends where the state is', () => {
    const w = watched({ progress: 0, message: 'idle' });
    w.set({ message: 'loading' });
    w.watch(message, false);
    // The deferred render of "loading" has not happened; the state is back to "idle".
    w.set({ message: 'idle' });
    w.watch(message, false);
    expect(w.scheduled.map((s) => s.next.message)).toEqual(['loading', 'idle']);
  });

  it('a new selector (the component shows another item) is compared on the same state', () => {
    const w = watched({ progress: 3, message: 'a' });
    w.watch(message, false);
    expect(w.scheduled).toEqual([]);
    w.set({ progress: 4 });
    w.watch((s) => s.progress, false);
    expect(w.scheduled.map((s) => s.next.progress)).toEqual([4]);
  });
});
