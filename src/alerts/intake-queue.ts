import type { Clock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { type AcceptedAlert, acceptBatches, acceptTaken, type IntakeBatch } from "./accept.js";
import type { RuleSet } from "./rules/index.js";

interface Waiting {
  batch: IntakeBatch;
  resolve(accepted: AcceptedAlert[]): void;
  reject(error: unknown): void;
}

/** The most alerts one acceptance carries: bounds the wait of the first request in a burst. */
const MAX_ALERTS = 1024;

/**
 * The hub's intake: the batches of requests that arrive while an acceptance is under way are accepted together
 * in the next one (`acceptTaken`), taken as its transaction begins, so a burst of one-alert requests costs a few
 * statements per round, not a few per alert. Each request is answered once its own alerts are committed, with its
 * own decisions; a lone request waits only for the next two turns of the event loop. Alerts are accepted at the
 * time their acceptance's transaction begins, on the hub's clock.
 *
 * If an acceptance fails, its batches are accepted again one at a time, so only a batch at fault fails.
 * `lanes` acceptances may be under way at once (as many as the store's write lanes).
 */
export class AlertIntake {
  private queue: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly store: Store,
    private readonly rules: RuleSet,
    private readonly clock: Clock,
    private readonly lanes = 1,
  ) {}

  accept(batch: IntakeBatch): Promise<AcceptedAlert[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (this.running < this.lanes) {
        this.running += 1;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      let taken: Waiting[] = [];
      try {
        // The requests are taken when the acceptance's transaction begins (a turn of the event loop after it is
        // asked for: group commit), so those read meanwhile join it. What a round's requests share (statements,
        // the commit) is most of its cost: measured through HTTP with 16 clients, taking them a turn earlier
        // left rounds smaller and cost each alert 3-10% more CPU.
        const accepted = await acceptTaken(this.store, this.rules, () => {
          taken = this.take();
          return { batches: taken.map((waiting) => waiting.batch), now: new Date(this.clock.now()) };
        });
        for (const [index, waiting] of taken.entries()) waiting.resolve(accepted[index] ?? []);
      } catch {
        // A transaction that never began took nothing: its requests are tried alone all the same.
        if (taken.length === 0) taken = this.take();
        for (const waiting of taken) {
          try {
            const [accepted = []] = await this.acceptNow([waiting.batch]);
            waiting.resolve(accepted);
          } catch (error) {
            waiting.reject(error);
          }
        }
      }
    }
    this.running -= 1;
  }

  /** The waiting batches the next acceptance carries: at least one if any wait, then up to `MAX_ALERTS` alerts. */
  private take(): Waiting[] {
    let alerts = 0;
    let count = 0;
    for (const waiting of this.queue) {
      alerts += waiting.batch.events.length;
      if (count > 0 && alerts > MAX_ALERTS) break;
      count += 1;
    }
    const taken = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    return taken;
  }

  private acceptNow(batches: IntakeBatch[]): Promise<AcceptedAlert[][]> {
    return acceptBatches(this.store, this.rules, batches, new Date(this.clock.now()));
  }
}
