import { type Clock, systemClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { MIRROR_LIST_FILTER, MIRROR_PAGE_SIZE, type MirrorSource, severityRanks } from "./source.js";
import { earlier, later, syncRow, updateSync } from "./sync-state.js";
import { isoAt } from "./time.js";
import { writePage } from "./write-page.js";

/** How far before the last mark a reconciliation reaches back: clock skew and the length of a pass. */
export const DEFAULT_RECONCILE_MARGIN_MS = 2 * 60_000;

export interface ReconcileOptions {
  clock?: Clock;
  marginMs?: number;
  /** Stops before the next page (what was written stays written; a backfill resumes from there). */
  signal?: AbortSignal;
}

export interface ReconcileResult {
  /** The `updated_at[gte]` bound asked for. */
  since: string;
  /** Incidents the API returned. */
  fetched: number;
  /** Rows written: the rest were no newer than the mirror's copies. */
  written: number;
  pages: number;
}

/**
 * Catches what webhooks missed: lists every incident updated since the account's mark, less a margin
 * (`GET /v2/incidents?updated_at[gte]=…`), and upserts them. The next mark is the newest `updated_at` this pass
 * saw, never later than the moment the pass began (an incident edited during the pass, on a page already read, is
 * then found by the next one). The margin covers the difference between this machine's clock and incident.io's
 * and the time a pass takes.
 */
export async function reconcile(
  store: Store,
  source: MirrorSource,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const clock = options.clock ?? systemClock;
  const account = source.alias;
  const begun = isoAt(clock.now());
  const row = await syncRow(store.db, account);
  const mark = row.reconcile_from ?? row.last_seen_updated_at ?? row.backfill_started_at ?? begun;
  const since = isoAt(Date.parse(mark) - (options.marginMs ?? DEFAULT_RECONCILE_MARGIN_MS));
  const ranks = severityRanks(source);
  let cursor: string | undefined;
  let newest: string | undefined;
  const result: ReconcileResult = { since, fetched: 0, written: 0, pages: 0 };
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await source.io.incidents.listPage(
      { ...MIRROR_LIST_FILTER, updated_at: { gte: since } },
      { pageSize: MIRROR_PAGE_SIZE, ...(cursor ? { after: cursor } : {}) },
    );
    const rankMap = page.incidents.length > 0 ? await ranks() : new Map<string, number>();
    const at = isoAt(clock.now());
    const written = await store.write((trx) => writePage(trx, account, page.incidents, rankMap, at));
    newest = later(newest, written.newest);
    result.fetched += page.incidents.length;
    result.written += written.written;
    result.pages++;
    cursor = page.paginationMeta?.after;
    if (cursor === undefined) break;
  }
  const nextMark = earlier(begun, later(mark, newest)) ?? mark;
  await updateSync(store.db, account, { reconcile_from: nextMark });
  return result;
}
