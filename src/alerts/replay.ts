import type { Store } from "../store/index.js";

/** An outbox entry put back in the queue. */
export interface ReplayedEntry {
  id: string;
  kind: string;
  alertId: string;
  groupKey: string;
}

/** What `replayFailed` found the target to be, and what it re-queued. */
export interface ReplayResult {
  /** `alert`: the target is an alert's ID; `group`: a group key; `unknown`: neither. */
  target: "alert" | "group" | "unknown";
  /** The group of the alert, or the group itself. */
  groupKey: string | null;
  replayed: ReplayedEntry[];
  /** Failed entries of the same group left as they were (replaying an alert re-queues only its own). */
  otherFailedInGroup: number;
  /**
   * The group resolved while its declare was failing (so no close was queued) and a declare is re-queued: the
   * incident it opens stays open until someone closes it.
   */
  opensWithoutClose: boolean;
}

/**
 * Re-queues the failed outbox entries of an alert (by its ID) or of an alert group (by its key), after the cause
 * was fixed: each becomes pending again with its attempts reset, due now and unclaimed, so the running hub
 * delivers it at its next round, in its group's order. The attempts already recorded stay in the history, and a
 * `replayed` row after them marks the replay.
 * Entries not failed (pending, delivered) are left alone; nothing else changes.
 */
export async function replayFailed(store: Store, target: string, now: Date): Promise<ReplayResult> {
  const alert = await store.db
    .selectFrom("alerts")
    .select(["id", "group_key"])
    .where("id", "=", target)
    .executeTakeFirst();
  const groupKey =
    alert?.group_key ??
    (
      await store.db
        .selectFrom("alert_groups")
        .select("group_key")
        .where("group_key", "=", target)
        .executeTakeFirst()
    )?.group_key;
  if (groupKey === undefined) {
    return {
      target: "unknown",
      groupKey: null,
      replayed: [],
      otherFailedInGroup: 0,
      opensWithoutClose: false,
    };
  }

  const at = now.toISOString();
  const rows = await store.db.transaction().execute(async (trx) => {
    let requeue = trx
      .updateTable("outbox")
      .set({ state: "pending", attempts: 0, next_attempt_at: at, claimed_by: null, claimed_until: null })
      .where("group_key", "=", groupKey)
      .where("state", "=", "failed");
    if (alert) requeue = requeue.where("alert_id", "=", alert.id);
    const requeued = await requeue.returning(["id", "kind", "alert_id", "group_key"]).execute();
    if (requeued.length > 0) {
      // The history shows where the failed attempts end and the replayed ones begin.
      await trx
        .insertInto("deliveries")
        .values(
          requeued.map((row) => ({
            outbox_id: row.id,
            alert_id: row.alert_id,
            attempted_at: at,
            outcome: "replayed" as const,
            message: `${row.kind} re-queued by incidentkit alerts replay`,
          })),
        )
        .execute();
    }
    return requeued;
  });
  const replayed = rows
    .map((row) => ({ id: row.id, kind: row.kind, alertId: row.alert_id, groupKey: row.group_key }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  let otherFailedInGroup = 0;
  if (alert) {
    const left = await store.db
      .selectFrom("outbox")
      .select(({ fn }) => fn.countAll<number>().as("count"))
      .where("group_key", "=", groupKey)
      .where("state", "=", "failed")
      .executeTakeFirst();
    otherFailedInGroup = Number(left?.count ?? 0);
  }
  return {
    target: alert ? "alert" : "group",
    groupKey,
    replayed,
    otherFailedInGroup,
    opensWithoutClose: await opensWithoutClose(store, groupKey, replayed),
  };
}

async function opensWithoutClose(
  store: Store,
  groupKey: string,
  replayed: ReplayedEntry[],
): Promise<boolean> {
  if (!replayed.some((entry) => entry.kind === "declare")) return false;
  const group = await store.db
    .selectFrom("alert_groups")
    .select("state")
    .where("group_key", "=", groupKey)
    .executeTakeFirst();
  if (group?.state !== "resolved") return false;
  const close = await store.db
    .selectFrom("outbox")
    .select("id")
    .where("group_key", "=", groupKey)
    .where("kind", "=", "close")
    .where("state", "=", "pending")
    .executeTakeFirst();
  return close === undefined;
}
