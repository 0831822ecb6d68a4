import type { Insertable, Kysely } from "kysely";
import { ConfigError } from "../api/index.js";
import { closeIncident, declareIncident, type OpsSession, postUpdate } from "../ops/index.js";
import { backoffMs } from "../shared/backoff.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Database, DeliveriesTable, Store, StoreDialect } from "../store/index.js";
import type { CloseBody, DeclareBody, ForwardBody, UpdateBody } from "./accept.js";
import { declareAttempts, noteLeftOut, refusedForValues } from "./declare-fallback.js";
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
   * Told once about each entry that needs a person: failed for good, or waiting on a refused API key (at its
   * first such attempt), with the fix. The hub logs it.
   */
  onNeedsPerson?: (entry: OutboxEntry, failure: DeliveryFailure) => void;
  /** Where a forward's alert source token is read, by the variable its rule names. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * How long this hub's claim on an entry holds; renewed while the delivery runs. When a hub dies, the other hubs
   * on the same database take its entries over once the claim runs out. Default 30 s.
   */
  claimLeaseMs?: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000, keyRefusedMs: 15 * 60_000 };

/** Thrown when a close has no incident to close: retrying cannot help. */
class NothingToClose extends Error {}

/** One attempt at an entry, for the troubleshooting history. */
async function recordAttempt(
  db: Kysely<Database>,
  entry: OutboxEntry,
  attempt: Omit<Insertable<DeliveriesTable>, "outbox_id" | "alert_id">,
): Promise<void> {
  await db
    .insertInto("deliveries")
    .values({ outbox_id: entry.id, alert_id: entry.alert_id, ...attempt })
    .execute();
}

/** What a delivered entry did: the history's message, the incident it made (declares), and what it left out. */
interface Delivered {
  message: string;
  incident?: { id: string; reference: string };
  /** Declares incident.io refused before the one that succeeded, each with what the next left out. */
  refusals?: Array<{ failure: DeliveryFailure; leftOut: string }>;
}

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

  private async send(entry: OutboxEntry): Promise<Delivered> {
    switch (entry.kind) {
      case "declare":
        return this.declare(entry);
      case "close": {
        const incident = await this.close(entry);
        return { message: `closed ${incident.reference}`, incident };
      }
      case "update":
        return this.update(entry);
      case "forward":
        return this.forward(entry);
    }
  }

  private async deliver(entry: OutboxEntry): Promise<boolean> {
    try {
      await this.markDelivered(entry, await this.send(entry));
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
          : describeFailure(error, entry.kind);
      await this.markFailedAttempt(entry, failure);
      return false;
    }
  }

  /**
   * The page always opens: when incident.io refuses a value the rules produced, the declare is made again without
   * it (see `declareAttempts`), the summary saying what was left out and why.
   */
  private async declare(entry: OutboxEntry): Promise<Delivered> {
    const body = JSON.parse(entry.body) as DeclareBody;
    const key = entry.idempotency_key ?? `incidentkit-outbox-${entry.id}`;
    let attempts = declareAttempts(body, key);
    const refusals: Array<{ failure: DeliveryFailure; leftOut: string }> = [];
    for (let index = 0; index < attempts.length; index++) {
      const attempt = attempts[index] as (typeof attempts)[number];
      const noted = noteLeftOut(
        attempt.body,
        refusals.map(({ failure, leftOut }) => ({ leftOut, reason: failure.message })),
      );
      try {
        // Whether this call made the incident or found it is not asked: knowing would cost a request first.
        const { incident } = await declareIncident(
          this.session,
          { ...noted, idempotencyKey: attempt.idempotencyKey },
          { tellCreated: false },
        );
        const without = refusals.map((refusal) => refusal.leftOut).join("; ");
        const message = `declared ${incident.reference}${without ? ` without ${without}` : ""}`;
        return { message, incident, refusals };
      } catch (error) {
        if (!refusedForValues(error)) throw error;
        if (index === 0) attempts = declareAttempts(body, key, await this.fallbackSeverity(body.mode));
        const next = attempts[index + 1];
        if (next?.leftOut === undefined) throw error;
        refusals.push({ failure: describeFailure(error), leftOut: next.leftOut });
      }
    }
    throw new Error("unreachable: the last declare attempt either succeeds or throws");
  }

  /**
   * The severity for a declare whose own incident.io refused, or that had none: the organisation's most severe for
   * a page (it must not open quieter than asked), its least severe for a test incident.
   */
  private async fallbackSeverity(mode: DeclareBody["mode"]): Promise<string | undefined> {
    try {
      const severities = await this.session.lookups.severities();
      return (mode === "test" ? severities[0] : severities.at(-1))?.name;
    } catch {
      return undefined;
    }
  }

  private async update(entry: OutboxEntry): Promise<Delivered> {
    const body = JSON.parse(entry.body) as UpdateBody;
    const key = entry.idempotency_key === null ? {} : { idempotencyKey: entry.idempotency_key };
    await postUpdate(this.session, body.incident, { message: body.message, ...key }, { tellCreated: false });
    return { message: `posted an update to ${body.incident}` };
  }

  private async forward(entry: OutboxEntry): Promise<Delivered> {
    const body = JSON.parse(entry.body) as ForwardBody;
    const env = this.options.env ?? process.env;
    const token = env[body.tokenEnv]?.trim();
    if (!token) {
      throw new ConfigError(
        "forward.token_env",
        `the variable ${body.tokenEnv}, which the rule names for alert source ${body.alertSourceConfigId}'s token, is not set`,
        `set ${body.tokenEnv} to the alert source's secret token (incident.io → Alerts → Sources) and restart the hub`,
      );
    }
    const result = await this.session.io.alertEvents.createHttp(
      body.alertSourceConfigId,
      {
        title: body.title,
        status: body.status,
        deduplication_key: body.deduplicationKey,
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.sourceUrl !== undefined ? { source_url: body.sourceUrl } : {}),
        metadata: body.metadata,
      },
      { token },
    );
    return { message: `sent ${body.status} to alert source ${body.alertSourceConfigId}: ${result.message}` };
  }

  private async close(entry: OutboxEntry) {
    const group = await findGroup(this.db, entry.group_key);
    if (!group?.incident_id) throw new NothingToClose(`group ${entry.group_key} has no incident to close`);
    const body = JSON.parse(entry.body) as CloseBody;
    return closeIncident(this.session, group.incident_id, { message: body.message });
  }

  private async markDelivered(entry: OutboxEntry, delivered: Delivered): Promise<void> {
    const at = new Date(this.clock.now()).toISOString();
    const { incident } = delivered;
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
      if (entry.kind === "declare" && incident) {
        await trx
          .updateTable("alert_groups")
          .set({ incident_id: incident.id, incident_reference: incident.reference })
          .where("group_key", "=", entry.group_key)
          .execute();
      }
      for (const { failure, leftOut } of delivered.refusals ?? []) {
        await recordAttempt(trx, entry, {
          attempted_at: at,
          outcome: "retry",
          http_status: failure.httpStatus ?? null,
          error_code: failure.errorCode,
          message: failure.message,
          fix: `declared again at once without ${leftOut}; correct the rule's incident fields so the next incident keeps it`,
        });
      }
      await recordAttempt(trx, entry, { attempted_at: at, outcome: "delivered", message: delivered.message });
    });
  }

  private retryDelay(attempts: number, failure: DeliveryFailure): number {
    if (failure.needsPerson) return this.backoff.keyRefusedMs;
    const { baseMs, maxMs } = this.backoff;
    const jittered = backoffMs(attempts, { baseMs, capMs: maxMs, jitter: "equal" }, this.random);
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
    const recorded = await this.db.transaction().execute(async (trx) => {
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
      if (Number(updated.numUpdatedRows) === 0) return false;
      await recordAttempt(trx, entry, {
        attempted_at: at,
        outcome,
        http_status: failure.httpStatus ?? null,
        error_code: failure.errorCode,
        message: failure.message,
        fix: failure.fix,
      });
      return true;
    });
    // Told once the attempt is on record, so the log never names an attempt the history lacks.
    if (recorded && (outcome === "failed" || (failure.needsPerson && entry.attempts === 0))) {
      this.options.onNeedsPerson?.(entry, failure);
    }
  }
}
