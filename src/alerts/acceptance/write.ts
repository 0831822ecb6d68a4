import { type Insertable, type Kysely, sql } from "kysely";
import { idGenerator } from "../../shared/ids.js";
import type { AlertsTable, Database } from "../../store/index.js";
import { ShapedQuery } from "../../store/shaped-query.js";
import type { OutboxCall } from "./calls.js";
import { chunks } from "./chunks.js";
import type { GroupWrites } from "./group-writes.js";
import type { MemberStatuses } from "./members.js";

/** A call for the outbox, from the alert that made it at `at`. */
export interface QueuedCall {
  alertId: string;
  groupKey: string;
  call: OutboxCall;
  at: Date;
}

/** An alert's row with every column given (null where it has no value). */
export type AlertRow = {
  [Column in keyof AlertsTable]-?: Exclude<Insertable<AlertsTable>[Column], undefined>;
};

/** Every column of the alerts table, in the order inserts bind them: the record fails to compile without one. */
const ALERT_COLUMNS = Object.keys({
  id: true,
  source: true,
  dedup_key: true,
  group_key: true,
  status: true,
  title: true,
  description: true,
  severity: true,
  labels: true,
  payload: true,
  received_at: true,
  decision: true,
  reason: true,
  rule: true,
  while_open: true,
} satisfies Record<keyof AlertsTable, true>) as Array<keyof AlertsTable>;

/** The row with its columns in `ALERT_COLUMNS`' order, the order its insert's SQL names them. */
const inColumnOrder = (row: AlertRow) =>
  Object.fromEntries(ALERT_COLUMNS.map((column) => [column, row[column]])) as AlertRow;

/** An insert of alert rows, compiled once per number of rows. */
const alertsInsert = new ShapedQuery({
  shape: (rows: readonly AlertRow[]) => rows.length,
  build: (db: Kysely<Database>, rows: readonly AlertRow[]) =>
    db.insertInto("alerts").values(rows.map(inColumnOrder)),
  parameters: (rows: readonly AlertRow[]) => {
    const values: unknown[] = [];
    for (const row of rows) for (const column of ALERT_COLUMNS) values.push(row[column]);
    return values;
  },
});

/** Outbox entry IDs, on the times intake is given (the hub's clock). */
const nextId = idGenerator();

/** Writes what a batch decided: its groups, alerts, group members and outbox entries. */
export async function writeAccepted(
  db: Kysely<Database>,
  writes: {
    groups: GroupWrites;
    members: MemberStatuses;
    alerts: AlertRow[];
    calls: QueuedCall[];
  },
): Promise<void> {
  await writes.groups.write(db);
  for (const chunk of chunks(writes.alerts)) await alertsInsert.execute(db, chunk);
  for (const [groupKey, dedupKeys] of writes.members.resolved()) {
    for (const chunk of chunks(dedupKeys)) {
      await db
        .deleteFrom("alert_group_members")
        .where("group_key", "=", groupKey)
        .where("dedup_key", "in", chunk)
        .execute();
    }
  }
  for (const chunk of chunks(writes.members.firingRows())) {
    await db
      .insertInto("alert_group_members")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["group_key", "dedup_key"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          title: eb.ref("excluded.title"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
  for (const { alertId, groupKey, call, at } of writes.calls) {
    await db
      .insertInto("outbox")
      .values({
        id: nextId(at.getTime()),
        group_key: groupKey,
        alert_id: alertId,
        kind: call.kind,
        body: JSON.stringify(call.body),
        idempotency_key: "idempotencyKey" in call ? call.idempotencyKey : null,
        // Counted in the database, under the group's lock: the order the group's calls go out in.
        seq: db
          .selectFrom("outbox")
          .select((eb) => sql<number>`${eb.fn.coalesce(eb.fn.max("seq"), sql.lit(0))} + 1`.as("next"))
          .where("group_key", "=", groupKey),
        state: "pending",
        next_attempt_at: at.toISOString(),
        created_at: at.toISOString(),
      })
      .execute();
  }
}
