import { type Clock, systemClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { MIRROR_LIST_FILTER, MIRROR_PAGE_SIZE, type MirrorSource, severityRanks } from "./source.js";
import { earlier, later, syncRow, updateSync } from "./sync-state.js";
import { isoAt } from "./time.js";
import { writePage } from "./write-page.js";

export interface BackfillProgress {
  /** Incidents fetched so far, pages fetched before a restart included. */
  fetched: number;
  /** Every incident the backfill will fetch, when the API says (`pagination_meta.total_record_count`). */
  total?: number;
}

export interface BackfillOptions {
  clock?: Clock;
  onProgress?: (progress: BackfillProgress) => void;
  /** Default 250, the most the API gives. */
  pageSize?: number;
  /** Stops before the next page (what was written stays written; a backfill resumes from there). */
  signal?: AbortSignal;
}

export interface BackfillResult {
  /** Incidents fetched by this run. */
  fetched: number;
  pages: number;
  /** Continued from a cursor saved by an earlier, interrupted run. */
  resumed: boolean;
  /** False when the account's backfill had already completed, so nothing was fetched. */
  ran: boolean;
}

/**
 * Copies every incident of the account into the mirror, page by page (oldest first, 250 a page). Each page is
 * written in one transaction together with the cursor of the next, so a backfill stopped by a failure or a restart
 * continues from the page after the last one written. When the last page is written the backfill is done, and
 * reconciliation takes over from the earlier of the time it started and the newest change it saw: anything edited
 * while it ran is found by the first reconciliation.
 */
export async function backfill(
  store: Store,
  source: MirrorSource,
  options: BackfillOptions = {},
): Promise<BackfillResult> {
  const clock = options.clock ?? systemClock;
  const account = source.alias;
  let row = await syncRow(store.db, account);
  if (row.backfill_state === "done") return { fetched: 0, pages: 0, resumed: false, ran: false };
  const resumed = row.backfill_state === "running" && row.backfill_cursor !== null;
  const startedAt = row.backfill_started_at ?? isoAt(clock.now());
  if (row.backfill_state === "pending") {
    await updateSync(store.db, account, {
      backfill_state: "running",
      backfill_started_at: startedAt,
      backfill_cursor: null,
      backfilled_count: 0,
    });
    row = await syncRow(store.db, account);
  }

  const ranks = severityRanks(source);
  let cursor = row.backfill_cursor ?? undefined;
  let count = row.backfilled_count;
  let newest = row.last_seen_updated_at ?? undefined;
  let fetched = 0;
  let pages = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await source.io.incidents.listPage(MIRROR_LIST_FILTER, {
      pageSize: options.pageSize ?? MIRROR_PAGE_SIZE,
      ...(cursor ? { after: cursor } : {}),
    });
    const rankMap = page.incidents.length > 0 ? await ranks() : new Map<string, number>();
    const next = page.paginationMeta?.after;
    const total = page.paginationMeta?.total_record_count;
    const at = isoAt(clock.now());
    const done = next === undefined;
    await store.write(async (trx) => {
      const written = await writePage(trx, account, page.incidents, rankMap, at);
      newest = later(newest, written.newest);
      await updateSync(trx, account, {
        backfill_cursor: next ?? null,
        backfilled_count: count + page.incidents.length,
        ...(total !== undefined ? { backfill_total: total } : {}),
        ...(done
          ? {
              backfill_state: "done",
              backfill_completed_at: at,
              reconcile_from: earlier(startedAt, newest) ?? startedAt,
            }
          : {}),
      });
    });
    pages++;
    fetched += page.incidents.length;
    count += page.incidents.length;
    options.onProgress?.({ fetched: count, ...(total !== undefined ? { total } : {}) });
    if (done) return { fetched, pages, resumed, ran: true };
    cursor = next;
  }
}
