/**
 * Work under way that other work gives way to (the hub's alert intake, which the web UI waits for): how much is in
 * flight, and a wait until none is.
 */
export class Activity {
  private inFlight = 0;
  private waiting: Array<() => void> = [];

  /** One piece of work begins; call what this returns once it ends (calling it again does nothing). */
  begin(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      if (this.inFlight > 0) return;
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    };
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves once nothing is in flight, or after `maxMs` at most: giving way, never waiting forever. */
  quiet(maxMs: number): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((other) => other !== wake);
        resolve();
      }, maxMs);
      this.waiting.push(wake);
    });
  }
}
