import { type Clock, systemClock } from "../shared/clock.js";
import type { Leadership, Store } from "../store/index.js";
import { repeatWhileLeading } from "../store/leader-loop.js";
import { type BackfillProgress, type BackfillResult, backfill } from "./backfill.js";
import type { MirroredIncident } from "./incident.js";
import { DEFAULT_RECONCILE_MARGIN_MS, type ReconcileResult, reconcile } from "./reconcile.js";
import { refreshIncident } from "./refresh.js";
import type { MirrorSource } from "./source.js";
import { describeSyncError, type SyncError } from "./sync-error.js";
import { syncRow, updateSync } from "./sync-state.js";
import { type AccountSyncStatus, syncStatus } from "./sync-status.js";
import { isoAt } from "./time.js";

export interface MirrorOptions {
  /** Time between reconciliations. Default 60 s. */
  intervalMs?: number;
  /** How far before its mark each reconciliation reaches back. Default 2 minutes. */
  marginMs?: number;
  clock?: Clock;
  /** Told about each backfill page written. */
  onProgress?: (account: string, progress: BackfillProgress) => void;
  /** Told about each failed sync of the loop (it is also recorded, for `status`). */
  onError?: (account: string, error: unknown) => void;
  /**
   * With several hubs on one database, the loop's backfills and reconciliations run on the leader only; the
   * others check every `followerPollMs` (default 1 s) whether they lead now. Refreshes of one incident (from
   * webhooks) run wherever they are asked for.
   */
  leadership?: Leadership;
  followerPollMs?: number;
}

/** What one sync of one account did: the backfill (when it ran), then the reconciliation; or the error. */
export interface SyncOutcome {
  account: string;
  backfill?: BackfillResult;
  reconcile?: ReconcileResult;
  error?: SyncError;
}

/**
 * Keeps a mirror of every incident of each account: a backfill first (resumable), then a reconciliation every
 * `intervalMs` catching whatever webhooks missed. Each sync's outcome is recorded per account: last success,
 * last attempt, last error with its hint. One sync per account runs at a time; callers asking meanwhile share it.
 */
export class Mirror {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly sources: Map<string, MirrorSource>;
  private readonly inFlight = new Map<string, Promise<SyncOutcome>>();
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(
    private readonly store: Store,
    sources: readonly MirrorSource[],
    private readonly options: MirrorOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 60_000;
    this.sources = new Map(sources.map((source) => [source.alias, source]));
  }

  /** The accounts mirrored, by alias. */
  get accounts(): string[] {
    return [...this.sources.keys()];
  }

  /** Backfills then reconciles in the background until `close`. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = repeatWhileLeading(
      async () => {
        for (const outcome of await this.syncAll()) {
          if (outcome.error && !stopping.signal.aborted)
            this.options.onError?.(outcome.account, outcome.error);
        }
      },
      {
        leadership: this.options.leadership,
        everyMs: this.intervalMs,
        followerPollMs: this.options.followerPollMs,
        clock: this.clock,
        signal: stopping.signal,
      },
    );
  }

  /** Stops the loop; a backfill under way stops after its current page and resumes there next time. */
  async close(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    await Promise.allSettled(this.inFlight.values());
    this.loop = undefined;
    this.stopping = undefined;
  }

  /** One sync of every account now; failures are recorded and returned, not thrown. */
  syncAll(): Promise<SyncOutcome[]> {
    return Promise.all(
      this.accounts.map((account) =>
        this.sync(account).catch((error: unknown) => ({ account, error: describeSyncError(error) })),
      ),
    );
  }

  /** One sync of the account now: its backfill if not done, then a reconciliation. Rejects on failure. */
  sync(account: string, onProgress?: (progress: BackfillProgress) => void): Promise<SyncOutcome> {
    let source: MirrorSource;
    try {
      source = this.source(account);
    } catch (error) {
      return Promise.reject(error);
    }
    let running = this.inFlight.get(account);
    if (!running) {
      running = this.run(source, onProgress).finally(() => this.inFlight.delete(account));
      this.inFlight.set(account, running);
    }
    return running;
  }

  /** Re-reads one incident and upserts it: what the webhook receiver calls. */
  async refresh(account: string, incidentId: string): Promise<MirroredIncident | undefined> {
    return refreshIncident(this.store, this.source(account), incidentId, { clock: this.clock });
  }

  /** Every mirrored account's sync status. */
  status(): Promise<AccountSyncStatus[]> {
    return syncStatus(this.store.db, this.clock.now());
  }

  private source(account: string): MirrorSource {
    const source = this.sources.get(account);
    if (!source)
      throw new Error(`the mirror has no account "${account}" (it has: ${this.accounts.join(", ")})`);
    return source;
  }

  private async run(
    source: MirrorSource,
    onProgress?: (progress: BackfillProgress) => void,
  ): Promise<SyncOutcome> {
    const account = source.alias;
    const signal = this.stopping?.signal;
    await syncRow(this.store.db, account);
    await updateSync(this.store.db, account, { last_attempt_at: isoAt(this.clock.now()) });
    try {
      const progress = (p: BackfillProgress) => {
        onProgress?.(p);
        this.options.onProgress?.(account, p);
      };
      const common = { clock: this.clock, ...(signal ? { signal } : {}) };
      const filled = await backfill(this.store, source, { ...common, onProgress: progress });
      const reconciled = await reconcile(this.store, source, {
        ...common,
        marginMs: this.options.marginMs ?? DEFAULT_RECONCILE_MARGIN_MS,
      });
      await updateSync(this.store.db, account, { last_success_at: isoAt(this.clock.now()) });
      return { account, ...(filled.ran ? { backfill: filled } : {}), reconcile: reconciled };
    } catch (error) {
      if (!signal?.aborted) {
        const { message, hint } = describeSyncError(error);
        await updateSync(this.store.db, account, {
          last_error: message,
          last_error_hint: hint,
          last_error_at: isoAt(this.clock.now()),
        });
      }
      throw error;
    }
  }
}
