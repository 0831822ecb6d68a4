import type { Kysely } from "kysely";
import type { BackfillState, Database } from "../store/index.js";
import { allSyncRows, type SyncRow } from "./sync-state.js";

/** How the mirror of one account stands: for the UI's sync page and `incidentkit sync status`. */
export interface AccountSyncStatus {
  account: string;
  backfill: {
    state: BackfillState;
    fetched: number;
    total: number | null;
    startedAt: string | null;
    completedAt: string | null;
  };
  /** Incidents mirrored from this account. */
  incidents: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Seconds since the last successful sync; null before the first. */
  lagSeconds: number | null;
  /** The newest `updated_at` the mirror has seen from this account, and its age in seconds. */
  newestUpdatedAt: string | null;
  newestUpdateAgeSeconds: number | null;
  /** The last failure, kept after later successes so it can still be read; `failing` says whether it is current. */
  lastError: { message: string; hint: string | null; at: string } | null;
  /** The last attempt failed. */
  failing: boolean;
}

const secondsSince = (iso: string | null, now: number): number | null =>
  iso === null ? null : Math.max(0, Math.round((now - Date.parse(iso)) / 1000));

/** Every account's sync status (or those named), by account alias. */
export async function syncStatus(
  db: Kysely<Database>,
  now: number,
  accounts?: readonly string[],
): Promise<AccountSyncStatus[]> {
  const rows = (await allSyncRows(db)).filter((row) => !accounts || accounts.includes(row.account));
  const counts = await db
    .selectFrom("mirrored_incidents")
    .select(["account", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("account")
    .execute();
  const countOf = new Map(counts.map((row) => [row.account, Number(row.n)]));
  return rows.map((row) => statusOf(row, countOf.get(row.account) ?? 0, now));
}

function statusOf(row: SyncRow, incidents: number, now: number): AccountSyncStatus {
  const failing =
    row.last_error_at !== null && (row.last_success_at === null || row.last_error_at > row.last_success_at);
  return {
    account: row.account,
    backfill: {
      state: row.backfill_state,
      fetched: row.backfilled_count,
      total: row.backfill_total,
      startedAt: row.backfill_started_at,
      completedAt: row.backfill_completed_at,
    },
    incidents,
    lastSuccessAt: row.last_success_at,
    lastAttemptAt: row.last_attempt_at,
    lagSeconds: secondsSince(row.last_success_at, now),
    newestUpdatedAt: row.last_seen_updated_at,
    newestUpdateAgeSeconds: secondsSince(row.last_seen_updated_at, now),
    lastError:
      row.last_error !== null && row.last_error_at !== null
        ? { message: row.last_error, hint: row.last_error_hint, at: row.last_error_at }
        : null,
    failing,
  };
}
