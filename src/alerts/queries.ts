import type { Kysely, Selectable } from "kysely";
import type { AlertGroupsTable, AlertsTable, Database, DeliveriesTable, Store } from "../store/index.js";
import { storedLabels } from "./stored-labels.js";

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
  /** The group's incident: its ID and reference (INC-123), once opened. */
  incidentId: string | null;
  incidentReference: string | null;
}

export interface AlertDelivery extends Omit<Selectable<DeliveriesTable>, "id"> {
  kind: string;
}

/** What one delivery attempt says: when, how it ended, and the fix. */
const ATTEMPT_COLUMNS = [
  "d.attempted_at",
  "d.outcome",
  "d.http_status",
  "d.error_code",
  "d.message",
  "d.fix",
] as const;

/** The columns of a delivery attempt and its outbox entry's kind, as `AlertDelivery` holds them. */
const DELIVERY_COLUMNS = ["d.outbox_id", "d.alert_id", ...ATTEMPT_COLUMNS, "o.kind"] as const;

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

/** How many of the newest alerts history lists (20 unless said), and of which source (any unless said). */
export interface HistoryOptions {
  limit?: number;
  source?: string;
}

/** The newest alerts first, optionally from one source. */
export async function alertHistory(store: Store, options: HistoryOptions = {}): Promise<AlertSummary[]> {
  const rows = await alertHistoryQuery(store.db, options).execute();
  return rows.map((row) => summary(row, row));
}

/** `alertHistory`'s query: read from the index of IDs, or of each source's IDs, newest first. */
export function alertHistoryQuery(db: Kysely<Database>, options: HistoryOptions) {
  const query = db
    .selectFrom("alerts as a")
    .leftJoin("alert_groups as g", "g.group_key", "a.group_key")
    .selectAll("a")
    .select(["g.incident_id", "g.incident_reference"])
    .orderBy("a.id", "desc")
    .limit(options.limit ?? 20);
  return options.source === undefined ? query : query.where("a.source", "=", options.source);
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
    .select(DELIVERY_COLUMNS)
    .where("d.alert_id", "=", id)
    .orderBy("d.id")
    .execute();
  return {
    alert: {
      ...summary(row, group),
      description: row.description,
      labels: storedLabels(row),
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

function summary(
  row: StoredAlert,
  group: { incident_id: string | null; incident_reference: string | null } | null,
): AlertSummary {
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
    incidentId: group?.incident_id ?? null,
    incidentReference: group?.incident_reference ?? null,
  };
}

/** One outbox entry an alert wrote: what it asks of incident.io and where it stands. */
export interface AlertCallEntry {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  /** What the last attempt ran into, kept on the entry; null once delivered or before any attempt. */
  lastError: string | null;
}

/** An alert's outbox entries and every attempt to deliver them, oldest first. */
export interface AlertCalls {
  entries: AlertCallEntry[];
  deliveries: AlertDelivery[];
}

/**
 * The outbox entries and delivery attempts of each alert given, in one query. The alerts' group keys let the
 * outbox be read through its group index rather than scanned; attempts are joined through their alert's index.
 */
export async function alertCalls(
  store: Store,
  alerts: ReadonlyArray<{ id: string; groupKey: string }>,
): Promise<Map<string, AlertCalls>> {
  const calls = new Map<string, AlertCalls>();
  if (alerts.length === 0) return calls;
  const rows = await store.db
    .selectFrom("outbox as o")
    .leftJoin("deliveries as d", (join) =>
      join.onRef("d.alert_id", "=", "o.alert_id").onRef("d.outbox_id", "=", "o.id"),
    )
    .select([
      "o.id",
      "o.alert_id",
      "o.kind",
      "o.state",
      "o.attempts",
      "o.last_error",
      "d.id as delivery_id",
      ...ATTEMPT_COLUMNS,
    ])
    .where("o.group_key", "in", [...new Set(alerts.map((alert) => alert.groupKey))])
    .where(
      "o.alert_id",
      "in",
      alerts.map((alert) => alert.id),
    )
    .orderBy("o.id")
    .orderBy("d.id")
    .execute();
  for (const row of rows) {
    let own = calls.get(row.alert_id);
    if (!own) {
      own = { entries: [], deliveries: [] };
      calls.set(row.alert_id, own);
    }
    if (own.entries.at(-1)?.id !== row.id) {
      own.entries.push({
        id: row.id,
        kind: row.kind,
        state: row.state,
        attempts: row.attempts,
        lastError: row.last_error,
      });
    }
    if (row.delivery_id === null || row.attempted_at === null || row.outcome === null) continue;
    own.deliveries.push({
      outbox_id: row.id,
      alert_id: row.alert_id,
      attempted_at: row.attempted_at,
      outcome: row.outcome,
      http_status: row.http_status,
      error_code: row.error_code,
      message: row.message,
      fix: row.fix,
      kind: row.kind,
    });
  }
  return calls;
}

/** Outbox entries in trouble, and the newest one's last attempt (what incident.io said, and the fix). */
export interface DeliveryTrouble {
  count: number;
  latest: (AlertDelivery & { groupKey: string }) | null;
}

const TROUBLE_COLUMNS = ["o.group_key", ...DELIVERY_COLUMNS] as const;

/** Entries that failed for good (retrying cannot help) with their failing attempt at or after `since`. */
export async function failedSince(store: Store, since: string): Promise<DeliveryTrouble> {
  const failed = store.db
    .selectFrom("outbox as o")
    .innerJoin("deliveries as d", (join) =>
      join.onRef("d.alert_id", "=", "o.alert_id").onRef("d.outbox_id", "=", "o.id"),
    )
    .where("o.state", "=", "failed")
    .where("d.outcome", "=", "failed")
    .where("d.attempted_at", ">=", since);
  // An entry replayed and failed again has two failing attempts: it is still one entry.
  const counted = await failed
    .select(({ fn }) => fn.count<number>("o.id").distinct().as("count"))
    .executeTakeFirst();
  const latest = await failed
    .select(TROUBLE_COLUMNS)
    .orderBy("d.attempted_at", "desc")
    .orderBy("d.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return { count: Number(counted?.count ?? 0), latest: latest ? trouble(latest) : null };
}

/** Pending entries whose last attempt incident.io refused for the API key (401/403): they wait for a person. */
export async function waitingForKey(store: Store): Promise<DeliveryTrouble> {
  const waiting = store.db
    .selectFrom("outbox as o")
    .innerJoin("deliveries as d", (join) =>
      join.onRef("d.alert_id", "=", "o.alert_id").onRef("d.outbox_id", "=", "o.id"),
    )
    .where("o.state", "=", "pending")
    .where("o.attempts", ">", 0)
    .where("d.http_status", "in", [401, 403])
    .where(({ eb, selectFrom }) =>
      eb(
        "d.id",
        "=",
        selectFrom("deliveries as l")
          .select(({ fn }) => fn.max("l.id").as("last"))
          .whereRef("l.alert_id", "=", "o.alert_id")
          .whereRef("l.outbox_id", "=", "o.id"),
      ),
    );
  const counted = await waiting.select(({ fn }) => fn.countAll<number>().as("count")).executeTakeFirst();
  const latest = await waiting.select(TROUBLE_COLUMNS).orderBy("d.id", "desc").limit(1).executeTakeFirst();
  return { count: Number(counted?.count ?? 0), latest: latest ? trouble(latest) : null };
}

function trouble(
  row: Omit<AlertDelivery, "kind"> & { kind: string; group_key: string },
): AlertDelivery & { groupKey: string } {
  const { group_key, ...delivery } = row;
  return { ...delivery, groupKey: group_key };
}
