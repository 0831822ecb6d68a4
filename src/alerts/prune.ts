import { encodeTime } from "ulid";
import type { Store } from "../store/index.js";

/** What one pruning pass deleted, by table. */
export interface PruneCounts {
  deliveries: number;
  outbox: number;
  alerts: number;
  alertGroups: number;
  groupMembers: number;
  webhookReceipts: number;
  intakeRefusals: number;
}

export interface PruneOptions {
  /** Now, in milliseconds since the epoch. */
  nowMs: number;
  /** Rows older than this go, unless something still needs them. */
  retentionMs: number;
  /**
   * Resolved groups are kept at least this long after they resolved, whatever `retentionMs`: the rules'
   * cooldowns and re-open window are measured from a group's times, so a group stays while a rule may ask about
   * it (see `rulesMemoryMs`).
   */
  groupsKeptMs?: number | undefined;
  /** The most rows one statement deletes. Default 500. */
  batchSize?: number | undefined;
  /** Stops between batches once aborted: a hub closing does not wait for a long backlog. */
  signal?: AbortSignal;
}

/**
 * How long an incident-opening alert is kept whatever the retention: the rules' daily caps count the alerts that
 * opened an incident since the start of the local day, which is never more than 26 hours ago (a 25-hour day when
 * the clocks go back, and the hour under way).
 */
export const DAILY_CAP_MEMORY_MS = 2 * 86_400_000;

const DEFAULT_BATCH = 500;
/** Each group deleted takes its intake lock (PostgreSQL): fewer at a time keep the lock table small. */
const MAX_GROUP_BATCH = 100;

/**
 * Deletes, in small batches with a turn of the event loop between them so intake's commits go in between:
 * - delivery attempts made before the cutoff, except those of an outbox entry still pending;
 * - outbox entries delivered or failed before the cutoff, once none of their attempts remains (never pending ones);
 * - alerts received before the cutoff that no outbox entry or delivery refers to, that did not open a group still
 *   open, and, for those that opened an incident, older than `DAILY_CAP_MEMORY_MS`;
 * - groups resolved before the group cutoff that no alert or outbox entry refers to any more, with their members,
 *   each under the group's intake lock, so an alert re-opening the group is never half-applied;
 * - webhook receipts processed before the cutoff, and refused requests received before it.
 * The order matters: each table's rows go before the rows they refer to.
 */
export async function pruneExpired(store: Store, options: PruneOptions): Promise<PruneCounts> {
  const batch = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const before = (keptMs: number) => Math.max(0, options.nowMs - Math.max(options.retentionMs, keptMs));
  const cutoff = new Date(before(0)).toISOString();
  const run = (step: () => Promise<number>) => inBatches(step, batch, options.signal);
  const db = store.db;

  const deliveries = await run(async () => {
    const deleted = await db
      .deleteFrom("deliveries")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("deliveries as d")
          .select("d.id")
          .where("d.attempted_at", "<", cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("outbox as o")
                  .select("o.id")
                  .whereRef("o.id", "=", "d.outbox_id")
                  .where("o.state", "=", "pending"),
              ),
            ),
          )
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });

  const outbox = await run(async () => {
    const deleted = await db
      .deleteFrom("outbox")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("outbox as o")
          .select("o.id")
          .where("o.state", "in", ["delivered", "failed"])
          // A failed entry's last attempt is its next_attempt_at, and an entry is delivered only once its next
          // attempt is due: this range, which outbox_due reads, holds every entry finished before the cutoff.
          .where("o.next_attempt_at", "<", cutoff)
          .where((eb) => eb.fn.coalesce("o.delivered_at", "o.next_attempt_at"), "<", cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom("deliveries as d").select("d.id").whereRef("d.outbox_id", "=", "o.id"))),
          )
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });

  const alerts = await pruneAlerts(store, before(0), before(DAILY_CAP_MEMORY_MS), batch, run);
  const groups = await pruneGroups(
    store,
    new Date(before(options.groupsKeptMs ?? 0)).toISOString(),
    Math.min(batch, MAX_GROUP_BATCH),
    options.signal,
  );

  const webhookReceipts = await run(async () => {
    const deleted = await db
      .deleteFrom("webhook_receipts")
      .where("webhook_id", "in", (eb) =>
        eb
          .selectFrom("webhook_receipts")
          .select("webhook_id")
          // Processed after it was received: the received_at range (indexed) holds every receipt processed in time.
          .where("received_at", "<", cutoff)
          .where("processed_at", "<", cutoff)
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });

  const intakeRefusals = await run(async () => {
    const deleted = await db
      .deleteFrom("intake_refusals")
      .where("id", "in", (eb) =>
        eb.selectFrom("intake_refusals").select("id").where("received_at", "<", cutoff).limit(batch),
      )
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });

  return { deliveries, outbox, alerts, ...groups, webhookReceipts, intakeRefusals };
}

type BatchRunner = (step: () => Promise<number>) => Promise<number>;

/**
 * Alerts are found by their IDs: ULIDs made when each alert was received (see `acceptAlerts`), so every ID below
 * the cutoff's is an alert received before it, read from the primary key in order. The walk goes on after the
 * last ID deleted, so alerts still needed are read once, not once a batch.
 */
async function pruneAlerts(
  store: Store,
  cutoffMs: number,
  openedCutoffMs: number,
  batch: number,
  run: BatchRunner,
): Promise<number> {
  if (cutoffMs <= 0) return 0;
  const belowId = `${encodeTime(cutoffMs, 10)}${"0".repeat(16)}`;
  const cutoff = new Date(cutoffMs).toISOString();
  const openedCutoff = new Date(openedCutoffMs).toISOString();
  let after = "";
  return run(async () => {
    const deleted = await store.db
      .deleteFrom("alerts")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("alerts as a")
          .select("a.id")
          .where("a.id", ">", after)
          .where("a.id", "<", belowId)
          .where("a.received_at", "<", cutoff)
          .where((eb) =>
            eb.or([
              eb("a.decision", "is", null),
              eb("a.decision", "!=", "open_incident"),
              eb("a.received_at", "<", openedCutoff),
            ]),
          )
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom("outbox as o").select("o.id").whereRef("o.alert_id", "=", "a.id"))),
          )
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom("deliveries as d").select("d.id").whereRef("d.alert_id", "=", "a.id"))),
          )
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("alert_groups as g")
                  .select("g.group_key")
                  .whereRef("g.group_key", "=", "a.group_key")
                  .where("g.state", "=", "open")
                  // The alert that opened it: the newest that did not arrive while it was open (alerts_by_group
                  // holds those alone, and finds a newer one, if any, at once).
                  .where("a.while_open", "is", null)
                  .where(({ not, exists, selectFrom }) =>
                    not(
                      exists(
                        selectFrom("alerts as b")
                          .select("b.id")
                          .whereRef("b.group_key", "=", "a.group_key")
                          .where("b.while_open", "is", null)
                          .whereRef("b.received_at", ">", "a.received_at"),
                      ),
                    ),
                  ),
              ),
            ),
          )
          .orderBy("a.id")
          .limit(batch),
      )
      .returning("id")
      .execute();
    for (const { id } of deleted) if (id > after) after = id;
    return deleted.length;
  });
}

/** Resolved groups past the window, with their members, each batch in one transaction under the groups' locks. */
async function pruneGroups(
  store: Store,
  groupCutoff: string,
  batch: number,
  signal: AbortSignal | undefined,
): Promise<{ alertGroups: number; groupMembers: number }> {
  const expired = store.db
    .selectFrom("alert_groups as g")
    .select("g.group_key")
    .where("g.state", "=", "resolved")
    .where("g.resolved_at", "<", groupCutoff)
    // An alert that arrived while the group was open is older than its resolution, so gone by now (pruneAlerts
    // runs first) unless an outbox entry still refers to it, which keeps the group below: the alerts left to look
    // for are the others, those alerts_by_group holds.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("alerts as a")
            .select("a.id")
            .whereRef("a.group_key", "=", "g.group_key")
            .where("a.while_open", "is", null),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("outbox as o").select("o.id").whereRef("o.group_key", "=", "g.group_key"))),
    );
  const counts = { alertGroups: 0, groupMembers: 0 };
  await inBatches(
    async () => {
      const keys = (await expired.limit(batch).execute()).map((row) => row.group_key);
      if (keys.length === 0) return 0;
      // The locks intake takes on a group (`acceptAlerts`): the conditions are checked again under them.
      const gone = await store.write(
        async (trx) => {
          const deleted = await trx
            .deleteFrom("alert_groups")
            .where("group_key", "in", expired.where("g.group_key", "in", keys))
            .returning("group_key")
            .execute();
          if (deleted.length === 0) return { groups: 0, members: 0 };
          const members = await trx
            .deleteFrom("alert_group_members")
            .where(
              "group_key",
              "in",
              deleted.map((row) => row.group_key),
            )
            .executeTakeFirst();
          return { groups: deleted.length, members: Number(members.numDeletedRows) };
        },
        { locks: () => keys.map((key) => `alert-group:${key}`) },
      );
      counts.alertGroups += gone.groups;
      counts.groupMembers += gone.members;
      // Candidates that all turned out to be needed again end the pass rather than being read once more.
      return gone.groups === 0 ? 0 : keys.length;
    },
    batch,
    signal,
  );
  return counts;
}

/** Runs `step` until it deletes fewer than a full batch, letting other work in between batches. */
async function inBatches(step: () => Promise<number>, size: number, signal?: AbortSignal): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const deleted = await step();
    total += deleted;
    if (deleted < size) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}
