import type { Selectable } from "kysely";
import type { AlertGroupsTable, AlertsTable, DeliveriesTable, Store } from "../store/index.js";

export type StoredAlert = Selectable<AlertsTable>;

/** One alert as history shows it: what arrived, what the rules decided, and the incident of its group. */
export interface AlertSummary {
  id: string;
  source: string;
  dedupKey: string;
  status: string;
  title: string;
  severity: string | null;
  receivedAt: string;
  decision: string | null;
  reason: string | null;
  rule: string | null;
  groupKey: string;
  incidentReference: string | null;
}

export interface AlertDelivery extends Omit<Selectable<DeliveriesTable>, "id"> {
  kind: string;
}

export interface AlertDetail {
  alert: AlertSummary & { labels: Record<string, string>; description: string | null };
  group: Selectable<AlertGroupsTable> | null;
  deliveries: AlertDelivery[];
}

export interface OutboxHealth {
  pending: number;
  failed: number;
  /** Seconds since the oldest pending entry was written; 0 when none is pending. */
  oldestPendingAgeS: number;
}

/** The newest alerts first, optionally from one source. */
export async function alertHistory(
  store: Store,
  options: { limit?: number; source?: string } = {},
): Promise<AlertSummary[]> {
  let query = store.db
    .selectFrom("alerts as a")
    .leftJoin("alert_groups as g", "g.group_key", "a.group_key")
    .selectAll("a")
    .select("g.incident_reference")
    .orderBy("a.id", "desc")
    .limit(options.limit ?? 20);
  if (options.source !== undefined) query = query.where("a.source", "=", options.source);
  const rows = await query.execute();
  return rows.map((row) => summary(row, row.incident_reference));
}

/** One alert with its group and every attempt to deliver what it put in the outbox; undefined if unknown. */
export async function alertDetail(store: Store, id: string): Promise<AlertDetail | undefined> {
  const row = await store.db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const group =
    (await store.db
      .selectFrom("alert_groups")
      .selectAll()
      .where("group_key", "=", row.group_key)
      .executeTakeFirst()) ?? null;
  const deliveries = await store.db
    .selectFrom("deliveries as d")
    .innerJoin("outbox as o", "o.id", "d.outbox_id")
    .select([
      "d.outbox_id",
      "d.alert_id",
      "d.attempted_at",
      "d.outcome",
      "d.http_status",
      "d.error_code",
      "d.message",
      "d.fix",
      "o.kind",
    ])
    .where("d.alert_id", "=", id)
    .orderBy("d.id")
    .execute();
  return {
    alert: {
      ...summary(row, group?.incident_reference ?? null),
      description: row.description,
      labels: JSON.parse(row.labels) as Record<string, string>,
    },
    group,
    deliveries,
  };
}

/** How the outbox is doing, for health checks. */
export async function outboxHealth(store: Store, nowMs: number): Promise<OutboxHealth> {
  const rows = await store.db
    .selectFrom("outbox")
    .select(({ fn }) => ["state", fn.countAll<number>().as("count"), fn.min("created_at").as("oldest")])
    .where("state", "in", ["pending", "failed"])
    .groupBy("state")
    .execute();
  const pending = rows.find((row) => row.state === "pending");
  const failed = rows.find((row) => row.state === "failed");
  const oldest = pending?.oldest ? Date.parse(pending.oldest) : nowMs;
  return {
    pending: Number(pending?.count ?? 0),
    failed: Number(failed?.count ?? 0),
    oldestPendingAgeS: Math.max(0, Math.round((nowMs - oldest) / 1000)),
  };
}

/** Delivery attempts so far, by outbox kind and outcome. */
export async function deliveryCounts(
  store: Store,
): Promise<Array<{ kind: string; outcome: string; count: number }>> {
  const rows = await store.db
    .selectFrom("deliveries as d")
    .innerJoin("outbox as o", "o.id", "d.outbox_id")
    .select(({ fn }) => ["o.kind", "d.outcome", fn.countAll<number>().as("count")])
    .groupBy(["o.kind", "d.outcome"])
    .execute();
  return rows.map((row) => ({ kind: row.kind, outcome: row.outcome, count: Number(row.count) }));
}

function summary(row: StoredAlert, incidentReference: string | null): AlertSummary {
  return {
    id: row.id,
    source: row.source,
    dedupKey: row.dedup_key,
    status: row.status,
    title: row.title,
    severity: row.severity,
    receivedAt: row.received_at,
    decision: row.decision,
    reason: row.reason,
    rule: row.rule,
    groupKey: row.group_key,
    incidentReference,
  };
}
