import pg from "pg";
import { advisoryKey } from "./locks.js";

/**
 * Which hub process, of those sharing a database, runs a singleton job (the mirror's backfill and
 * reconciliation, the retry of unfinished investigations). `confirm` is asked before each run of the job.
 */
export interface Leadership {
  /** Whether this process leads, as of the last check. */
  readonly leading: boolean;
  /** Checks now (PostgreSQL: a round trip) and resolves whether this process leads. */
  confirm(): Promise<boolean>;
  close(): Promise<void>;
}

export interface LeadershipOptions {
  /**
   * How long a leader that stops responding (hung, cut off) keeps leading: the server ends its session after this
   * long without a word, which releases the lock. A leader that dies outright is replaced at the next try of
   * another process, within a third of it. Default 15 s.
   */
  leaseMs?: number;
  /** Told when this process starts or stops leading. */
  onChange?: (leading: boolean) => void;
  /** Told about connection errors, which the leadership survives (it steps down and tries again). */
  onError?: (error: unknown) => void;
}

/** SQLite serves one hub process, which always leads. */
export function soleLeadership(): Leadership {
  return { leading: true, confirm: async () => true, close: async () => {} };
}

/**
 * Leadership through a PostgreSQL session-level advisory lock on the job's name, held on a connection of its own.
 * Every `leaseMs / 3` each process either tries to take the lock or, holding it, proves its session alive. The
 * session is set to end after `leaseMs` idle (`idle_session_timeout`), so a leader that stops talking loses the
 * lock within the lease; a killed leader's connection closes at once and the lock with it.
 */
export class PostgresLeadership implements Leadership {
  private client: pg.Client | undefined;
  private isLeading = false;
  private readonly leaseMs: number;
  private readonly key: string;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<boolean> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    name: string,
    private readonly options: LeadershipOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.key = advisoryKey(`leader:${name}`).toString();
  }

  get leading(): boolean {
    return this.isLeading;
  }

  /** Tries at once, then every `leaseMs / 3`. */
  start(): void {
    if (this.timer || this.closed) return;
    void this.confirm();
    this.timer = setInterval(() => void this.confirm(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  confirm(): Promise<boolean> {
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.checking?.catch(() => false);
    await this.drop();
  }

  private async check(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const client = this.client ?? (await this.connect());
      if (this.isLeading) {
        await client.query("select 1");
      } else {
        const result = await client.query<{ taken: boolean }>(
          "select pg_try_advisory_lock($1::bigint) as taken",
          [this.key],
        );
        if (result.rows[0]?.taken) this.setLeading(true);
      }
    } catch (error) {
      this.options.onError?.(error);
      await this.drop();
    }
    return this.isLeading;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.leaseMs });
    client.on("error", () => {
      void this.drop();
    });
    await client.connect();
    try {
      await client.query(`set idle_session_timeout = ${Math.ceil(this.leaseMs)}`);
    } catch {
      // PostgreSQL before 14 has no idle_session_timeout: a hung leader then keeps the lock until TCP gives up.
    }
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.setLeading(false);
    await client?.end().catch(() => undefined);
  }

  private setLeading(leading: boolean): void {
    if (this.isLeading === leading) return;
    this.isLeading = leading;
    this.options.onChange?.(leading);
  }
}
