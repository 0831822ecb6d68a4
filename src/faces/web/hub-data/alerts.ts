import type { Store } from "../../../store/index.js";
import type { AlertRow } from "../model.js";

type Delivery = NonNullable<AlertRow["delivery"]>;

interface OutboxFacts {
  kind: string;
  state: string;
  attempts: number;
  last_error: string | null;
}

interface AttemptFacts {
  outcome: string;
  http_status: number | null;
  message: string | null;
  fix: string | null;
}

/** The alert's call to incident.io, from its outbox entry and latest attempt: delivered, pending, retrying, failed. */
function deliveryOf(entry: OutboxFacts | undefined, attempt: AttemptFacts | undefined): Delivery | null {
  if (!entry) return null;
  const what = entry.kind === "declare" ? "open the incident" : `${entry.kind} the incident`;
  if (entry.state === "delivered") {
    const status = attempt?.http_status ? ` (HTTP ${attempt.http_status})` : "";
    return { state: "delivered", detail: `incident.io took the call to ${what}${status}`, fix: null };
  }
  const detail = attempt?.message ?? entry.last_error ?? null;
  if (entry.state === "failed") return { state: "failed", detail, fix: attempt?.fix ?? null };
  if (entry.attempts > 0) return { state: "retrying", detail, fix: attempt?.fix ?? null };
  return { state: "pending", detail: `waiting to ${what}`, fix: null };
}

/**
 * The newest alerts first (of one source, or all), each with the incident of its group and how the call to
 * incident.io it queued went. `permalinkOf` finds an incident's incident.io page from its ID.
 */
export async function alertRows(
  store: Store,
  filter: { source: string | null; limit: number },
  permalinkOf: (incidentId: string) => string | null,
): Promise<AlertRow[]> {
  let query = store.db
    .selectFrom("alerts as a")
    .leftJoin("alert_groups as g", "g.group_key", "a.group_key")
    .select([
      "a.id",
      "a.source",
      "a.dedup_key",
      "a.title",
      "a.status",
      "a.severity",
      "a.received_at",
      "a.decision",
      "a.reason",
      "a.rule",
      "g.incident_id",
      "g.incident_reference",
    ])
    .orderBy("a.id", "desc")
    .limit(filter.limit);
  if (filter.source !== null) query = query.where("a.source", "=", filter.source);
  const alerts = await query.execute();
  const ids = alerts.map((alert) => alert.id);
  const entries = new Map<string, OutboxFacts>();
  const attempts = new Map<string, AttemptFacts>();
  if (ids.length > 0) {
    const outbox = await store.db
      .selectFrom("outbox")
      .select(["alert_id", "kind", "state", "attempts", "last_error"])
      .where("alert_id", "in", ids)
      .orderBy("id")
      .execute();
    for (const entry of outbox) entries.set(entry.alert_id, entry);
    const deliveries = await store.db
      .selectFrom("deliveries")
      .select(["alert_id", "outcome", "http_status", "message", "fix"])
      .where("alert_id", "in", ids)
      .orderBy("id")
      .execute();
    for (const attempt of deliveries) attempts.set(attempt.alert_id, attempt);
  }
  return alerts.map((alert) => ({
    id: alert.id,
    receivedAt: alert.received_at,
    source: alert.source,
    dedupKey: alert.dedup_key,
    title: alert.title,
    status: alert.status,
    severity: alert.severity,
    decision: alert.decision,
    reason: alert.reason,
    rule: alert.rule,
    incident: alert.incident_reference
      ? {
          reference: alert.incident_reference,
          permalink: alert.incident_id ? permalinkOf(alert.incident_id) : null,
        }
      : null,
    delivery: deliveryOf(entries.get(alert.id), attempts.get(alert.id)),
  }));
}
