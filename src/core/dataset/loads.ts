/** Why a load stopped before it finished: a newer load, or the person cancelled it. */
export class LoadCancelled extends Error {
  override readonly name = 'LoadCancelled';
}

/**
 * Loads as transactions: one at a time, and a newer one aborts the older, so
 * its work stops and what it had read is released. A load that finishes after
 * a newer one began (it cannot: it was aborted) never puts its data in use.
 */
export class LoadTransactions {
  private current: { controller: AbortController; what: string } | null = null;

  /**
   * Starts a load of `what` (for messages), aborting the one in flight;
   * `cancelledBy` (the request's own signal) cancels this load only.
   */
  begin(what: string, cancelledBy?: AbortSignal): AbortSignal {
    this.current?.controller.abort(
      new LoadCancelled(`Loading ${this.current.what} stopped: ${what} was dropped after it.`),
    );
    const controller = new AbortController();
    const load = { controller, what };
    this.current = load;
    cancelledBy?.addEventListener(
      'abort',
      () => {
        controller.abort(new LoadCancelled(`Loading ${what} was cancelled.`));
        if (this.current === load) this.current = null;
      },
      { once: true },
    );
    return controller.signal;
  }

  /** Cancels the load in flight; false when there is none. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.controller.abort(new LoadCancelled(`Loading ${this.current.what} was cancelled.`));
    this.current = null;
    return true;
  }

  /** Ends the load that `signal` belongs to (finished or failed). */
  end(signal: AbortSignal): void {
    if (this.current?.controller.signal === signal) this.current = null;
  }
}

/** The dropped files in a few words: "img_align_celeba.zip and 2 more files". */
export function describeDrop(names: readonly string[], folder: string | null): string {
  const [first] = names;
  if (folder) return `the folder ${folder}`;
  if (!first) return 'nothing';
  return names.length === 1 ? first : `${first} and ${names.length - 1} more files`;
}
