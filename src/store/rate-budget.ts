import { type Kysely, sql } from "kysely";
import { systemClock } from "../shared/clock.js";
import type { Database } from "./schema.js";

export interface BudgetLimit {
  capacity: number;
  refillPerSecond: number;
}

/**
 * The tokens the hubs leave in the shared bucket: a second of refill, at least one. A token is taken when a
 * request leaves and counted by incident.io when it arrives; with several hubs sending at once, the requests in
 * flight can put the server's bucket that far behind ours. One token (the in-process limiter's reserve) was not
 * enough: three hubs under a storm drew one or two 429s a run at 8 requests a second and 150 ms of latency. Half
 * a second of refill still drew one 429 in a run on a loaded 2-core machine. A second of incident.io's refill is
 * 20 of its 1,200 burst.
 */
export function budgetReserve(limit: BudgetLimit): number {
  return Math.max(1, Math.ceil(limit.refillPerSecond));
}
/** The shortest wait between tries when the bucket is empty, so processes do not hammer the database. */
const MIN_WAIT_MS = 5;

/**
 * incident.io's rate limit for one API key as a token bucket in the database, which every hub process on it
 * takes from: together they never send faster than the key allows. Each take is one atomic statement that
 * refills the bucket by the time passed (on the database's clock, the same for every process) and takes a token
 * if one is there. A 429's Retry-After pauses every process.
 */
export class DatabaseRateBudget {
  private ready: Promise<void> | undefined;
  private pausedUntil = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bucket: string,
    private readonly limit: BudgetLimit,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    this.ready ??= this.create();
    await this.ready;
    const capacity = Math.max(1, this.limit.capacity - budgetReserve(this.limit));
    const rate = this.limit.refillPerSecond;
    for (;;) {
      signal?.throwIfAborted();
      const pausedHere = this.pausedUntil - Date.now();
      if (pausedHere > 0) await systemClock.sleep(pausedHere, signal);
      const now = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
      const refilled = sql<number>`least(${capacity}::double precision, tokens + greatest(0, ${now} - refilled_at_ms) * ${rate}::double precision / 1000)`;
      const taken = await this.db
        .updateTable("rate_budgets")
        .set({
          tokens: sql`${refilled} - 1`,
          refilled_at_ms: sql`greatest(refilled_at_ms, ${now})`,
        })
        .where("key", "=", this.bucket)
        .where("paused_until_ms", "<=", now)
        .where(refilled, ">=", 1)
        .returning("tokens")
        .executeTakeFirst();
      if (taken) return;
      const state = await this.db
        .selectFrom("rate_budgets")
        .select([refilled.as("tokens"), sql<number>`paused_until_ms - ${now}`.as("paused_for")])
        .where("key", "=", this.bucket)
        .executeTakeFirstOrThrow();
      const refillWait = ((1 - Number(state.tokens)) / rate) * 1000;
      await systemClock.sleep(Math.max(MIN_WAIT_MS, Number(state.paused_for), refillWait), signal);
    }
  }

  /** After a 429: every process waits `ms` before sending again. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    const until = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint + ${Math.ceil(ms)}`;
    this.ready ??= this.create();
    void this.ready
      .then(() =>
        this.db
          .updateTable("rate_budgets")
          .set({ paused_until_ms: sql`greatest(paused_until_ms, ${until})` })
          .where("key", "=", this.bucket)
          .execute(),
      )
      .catch(() => undefined);
  }

  private async create(): Promise<void> {
    await this.db
      .insertInto("rate_budgets")
      .values({
        key: this.bucket,
        tokens: Math.max(1, this.limit.capacity - budgetReserve(this.limit)),
        refilled_at_ms: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`,
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  }
}
