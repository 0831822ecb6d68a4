import { syncStatus } from "../../../mirror/index.js";
import type { Store } from "../../../store/index.js";
import type { SyncAccountView, SyncPageModel } from "../model.js";

/**
 * Each mirrored account's sync: from the mirror's records, plus the accounts the hub mirrors that have no record
 * yet (their first sync has not started).
 */
export async function syncPage(
  store: Store,
  now: number,
  accounts: readonly string[],
): Promise<SyncPageModel> {
  const statuses = await syncStatus(store.db, now);
  const views = statuses.map(
    (status): SyncAccountView => ({
      account: status.account,
      lastSuccessAt: status.lastSuccessAt,
      lagSeconds: status.lagSeconds,
      lastError: status.lastError,
      failing: status.failing,
      backfilled: status.backfill.fetched,
      backfillTotal: status.backfill.total,
      inProgress: status.backfill.state !== "done",
      incidents: status.incidents,
    }),
  );
  for (const account of accounts) {
    if (views.some((view) => view.account === account)) continue;
    views.push({
      account,
      lastSuccessAt: null,
      lagSeconds: null,
      lastError: null,
      failing: false,
      backfilled: 0,
      backfillTotal: null,
      inProgress: true,
      incidents: 0,
    });
  }
  return { accounts: views.sort((a, b) => a.account.localeCompare(b.account)) };
}
