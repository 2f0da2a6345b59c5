/**
 * When one component's slice of a changing state needs a new render: it
 * compares with the state last asked for (which a deferred render may not
 * have drawn yet), not the one last drawn, so a slice that changes and
 * changes back before the render still ends where the state is.
 */
export function sliceWatch<S>(
  getState: () => S,
  initial: S,
  schedule: (next: S, urgent: boolean) => void,
): (select: (state: S) => unknown, urgent: boolean) => void {
  let requested = initial;
  return (select, urgent) => {
    const next = getState();
    if (next === requested || Object.is(select(next), select(requested))) return;
    requested = next;
    schedule(next, urgent);
  };
}
