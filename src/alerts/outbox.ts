import type { Kysely } from "kysely";
import type { Incident } from "../api/index.js";
import { closeIncident, declareIncident, type OpsSession } from "../ops/index.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Database, Store, StoreDialect } from "../store/index.js";
import type { CloseBody, DeclareBody } from "./accept.js";
import { type DeliveryFailure, describeFailure, FIXES } from "./fixes.js";
import { findGroup } from "./groups.js";
import { claimDue, type OutboxEntry, releaseAllClaims, renewClaims } from "./outbox-claims.js";

export interface BackoffOptions {
  /** The wait after the first failed attempt; doubled after each further one. Default 1 s. */
  baseMs: number;
  /** The longest wait between attempts. Default 5 minutes. */
  maxMs: number;
  /** The wait after incident.io refused the API key (401/403). Default 15 minutes. */
  keyRefusedMs: number;
}

export interface OutboxWorkerOptions {
  clock?: Clock;
  /** Entries delivered at once, each from a different group. Default 10. */
  batch?: number;
  /**
   * Attempts before an entry that keeps failing transiently (5xx, 429, network) is marked failed. Default 50.
   * A refused API key never uses up attempts: the entry stays pending until the key is fixed.
   */
  maxAttempts?: number;
  backoff?: Partial<BackoffOptions>;
  /** How long `start` waits when nothing was due. Default 1 s. */
  pollMs?: number;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  /** Told about errors of the worker itself (e.g. the database), which it survives. */
  onError?: (error: unknown) => void;
  /**
   * How long this hub's claim on an entry holds; renewed while the delivery runs. When a hub dies, the other hubs
   * on the same database take its entries over once the claim runs out. Default 30 s.
   */
  claimLeaseMs?: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000, keyRefusedMs: 15 * 60_000 };

/** Thrown when a close has no incident to close: retrying cannot help. */
class NothingToClose extends Error {}

/**
 * Delivers the outbox to incident.io. Entries go out in the order they were written, one at a time per alert group,
 * so a close never overtakes its group's declare. Every attempt is written to `deliveries` with its outcome and, on
 * failure, a plain fix. A declare carries its group's idempotency key, so an attempt repeated after a crash or a
 * lost answer returns the incident already made.
 *
 * Failures: 5xx, 429 (honouring Retry-After), timeouts and network errors are retried with capped exponential
 * backoff and jitter. A refused API key (401/403) is a configuration problem, not the alert's: the entry stays
 * pending on a long backoff, with the fix recorded on every attempt, and goes out once the key is fixed. Anything
 * else incident.io refuses (422, 404, other 4xx) is marked failed with its fix.
 *
 * Several hubs on one database share the outbox: each entry is claimed by one of them before it is sent (see
 * `claimDue`), and a dead hub's claims run out after `claimLeaseMs`.
 */
export class OutboxWorker {
  private readonly db: Kysely<Database>;
  private readonly clock: Clock;
  private readonly batch: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly pollMs: number;
  private readonly random: () => number;
  private readonly dialect: StoreDialect;
  private readonly claimant = newId();
  private readonly claimLeaseMs: number;
  /** Entries this hub has claimed and is delivering now. */
  private readonly delivering = new Set<string>();
  private renewTimer: NodeJS.Timeout | undefined;
  private claimsReleased: Promise<void> | undefined;
  private running: Promise<number> | undefined;
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(
    store: Store,
    private readonly session: OpsSession,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.db = store.db;
    this.clock = options.clock ?? systemClock;
    this.batch = options.batch ?? 10;
    this.maxAttempts = options.maxAttempts ?? 50;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.pollMs = options.pollMs ?? 1_000;
    this.random = options.random ?? Math.random;
    this.dialect = store.dialect;
    this.claimLeaseMs = options.claimLeaseMs ?? 30_000;
  }

  /** Delivers what is due now; resolves with how many entries were delivered. Calls made together share one run. */
  runOnce(): Promise<number> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Keeps delivering until `stop`. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.renewTimer = setInterval(() => {
      const until = this.clock.now() + this.claimLeaseMs;
      renewClaims(this.db, this.claimant, [...this.delivering], until).catch((error) =>
        this.options.onError?.(error),
      );
    }, this.claimLeaseMs / 3);
    this.renewTimer.unref();
    this.loop = (async () => {
      while (!stopping.signal.aborted) {
        let delivered = 0;
        try {
          delivered = await this.runOnce();
        } catch (error) {
          this.options.onError?.(error);
        }
        if (delivered === 0 && !stopping.signal.aborted) {
          await this.clock.sleep(this.pollMs, stopping.signal).catch(() => undefined);
        }
        // Let timers and I/O run between rounds even when the clock's sleep returns at once.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
  }

  /** Stops the loop after the deliveries under way finish. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
  }

  private async deliverDue(): Promise<number> {
    // SQLite serves one hub process: claims found at start were left by a hub that is no longer running.
    if (this.dialect === "sqlite") this.claimsReleased ??= releaseAllClaims(this.db);
    await this.claimsReleased;
    const due = await claimDue(this.db, this.dialect, {
      claimant: this.claimant,
      nowMs: this.clock.now(),
      leaseMs: this.claimLeaseMs,
      limit: this.batch,
    });
    for (const entry of due) this.delivering.add(entry.id);
    const outcomes = await Promise.all(
      due.map((entry) => this.deliver(entry).finally(() => this.delivering.delete(entry.id))),
    );
    return outcomes.filter(Boolean).length;
  }

  private async deliver(entry: OutboxEntry): Promise<boolean> {
    try {
      const incident = entry.kind === "declare" ? await this.declare(entry) : await this.close(entry);
      await this.markDelivered(entry, incident);
      return true;
    } catch (error) {
      const failure: DeliveryFailure =
        error instanceof NothingToClose
          ? {
              outcome: "failed",
              needsPerson: false,
              errorCode: "no_incident",
              message: error.message,
              fix: FIXES.noIncident,
            }
          : describeFailure(error);
      await this.markFailedAttempt(entry, failure);
      return false;
    }
  }

  private async declare(entry: OutboxEntry): Promise<Incident> {
    const body = JSON.parse(entry.body) as DeclareBody;
    const key = entry.idempotency_key === null ? {} : { idempotencyKey: entry.idempotency_key };
    const { incident } = await declareIncident(this.session, { ...body, ...key });
    return incident;
  }

  private async close(entry: OutboxEntry): Promise<Incident> {
    const group = await findGroup(this.db, entry.group_key);
    if (!group?.incident_id) throw new NothingToClose(`group ${entry.group_key} has no incident to close`);
    const body = JSON.parse(entry.body) as CloseBody;
    return closeIncident(this.session, group.incident_id, { message: body.message });
  }

  private async markDelivered(entry: OutboxEntry, incident: Incident): Promise<void> {
    const at = new Date(this.clock.now()).toISOString();
    const verb = entry.kind === "declare" ? "declared" : "closed";
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("outbox")
        .set((eb) => ({
          state: "delivered",
          delivered_at: at,
          attempts: eb("attempts", "+", 1),
          last_error: null,
          claimed_by: null,
          claimed_until: null,
        }))
        .where("id", "=", entry.id)
        .where("state", "=", "pending")
        .executeTakeFirst();
      // Another hub took the entry over after this one's claim ran out, and recorded it first.
      if (Number(updated.numUpdatedRows) === 0) return;
      if (entry.kind === "declare") {
        await trx
          .updateTable("alert_groups")
          .set({ incident_id: incident.id, incident_reference: incident.reference })
          .where("group_key", "=", entry.group_key)
          .execute();
      }
      await trx
        .insertInto("deliveries")
        .values({
          outbox_id: entry.id,
          alert_id: entry.alert_id,
          attempted_at: at,
          outcome: "delivered",
          message: `${verb} ${incident.reference}`,
        })
        .execute();
    });
  }

  private retryDelay(attempts: number, failure: DeliveryFailure): number {
    if (failure.needsPerson) return this.backoff.keyRefusedMs;
    const exponential = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.min(attempts - 1, 30));
    const jittered = exponential / 2 + (this.random() * exponential) / 2;
    return Math.max(jittered, failure.retryAfterMs ?? 0);
  }

  private async markFailedAttempt(entry: OutboxEntry, failure: DeliveryFailure): Promise<void> {
    const nowMs = this.clock.now();
    const at = new Date(nowMs).toISOString();
    const attempts = entry.attempts + 1;
    const exhausted = !failure.needsPerson && attempts >= this.maxAttempts;
    const outcome = failure.outcome === "retry" && !exhausted ? "retry" : "failed";
    const next =
      outcome === "retry" ? new Date(nowMs + this.retryDelay(attempts, failure)).toISOString() : at;
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("outbox")
        .set({
          state: outcome === "retry" ? "pending" : "failed",
          attempts,
          next_attempt_at: next,
          last_error: `${failure.message} — ${failure.fix}`,
          claimed_by: null,
          claimed_until: null,
        })
        .where("id", "=", entry.id)
        .where("state", "=", "pending")
        .where("claimed_by", "=", this.claimant)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return;
      await trx
        .insertInto("deliveries")
        .values({
          outbox_id: entry.id,
          alert_id: entry.alert_id,
          attempted_at: at,
          outcome,
          http_status: failure.httpStatus ?? null,
          error_code: failure.errorCode,
          message: failure.message,
          fix: failure.fix,
        })
        .execute();
    });
  }
}
