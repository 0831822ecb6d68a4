import type { ColumnType, Generated } from "kysely";

/** A column that may hold NULL and may be left out of an insert (it is then NULL). */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** An ISO 8601 timestamp, stored as text. */
export type Timestamp = string;
/** A JSON document, stored as text. */
export type JsonText = string;

export type StoredAlertStatus = "firing" | "resolved" | "dismissed";
export type AlertDecision = "open_incident" | "record_only" | "suppressed" | "resolve" | "ignored";
export type AlertGroupState = "open" | "resolved";
export type OutboxKind = "declare" | "close" | "update";
export type OutboxState = "pending" | "delivered" | "failed";
export type DeliveryOutcome = "delivered" | "retry" | "failed";

/** Every alert received, as normalised and as sent, with what the rules decided about it. */
export interface AlertsTable {
  /** A ULID. */
  id: string;
  source: string;
  dedup_key: string;
  group_key: string;
  status: StoredAlertStatus;
  title: string;
  description: Optional<string>;
  severity: Optional<string>;
  /** The alert's labels as a JSON object of strings. */
  labels: JsonText;
  /** The body exactly as received. */
  payload: JsonText;
  received_at: Timestamp;
  decision: Optional<AlertDecision>;
  reason: Optional<string>;
  /** The name of the rule that decided. */
  rule: Optional<string>;
}

/** One row per alert group: the incident it opened, if any, and where it is in its life. */
export interface AlertGroupsTable {
  group_key: string;
  source: string;
  dedup_key: string;
  /** Bumped when a new incident is opened after the re-open window; part of the create's idempotency key. */
  generation: Generated<number>;
  state: AlertGroupState;
  incident_id: Optional<string>;
  incident_reference: Optional<string>;
  opened_at: Optional<Timestamp>;
  resolved_at: Optional<Timestamp>;
  last_fired_at: Optional<Timestamp>;
  last_alert_id: Optional<string>;
}

/** Calls to incident.io waiting to be made (or made): written in the same transaction as the alert. */
export interface OutboxTable {
  /** A ULID. */
  id: string;
  group_key: string;
  alert_id: string;
  kind: OutboxKind;
  /** The request body as JSON. */
  body: JsonText;
  idempotency_key: Optional<string>;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: Optional<string>;
  created_at: Timestamp;
  delivered_at: Optional<Timestamp>;
}

/** One row per attempt to deliver an outbox entry: the troubleshooting history. */
export interface DeliveriesTable {
  id: Generated<number>;
  outbox_id: string;
  alert_id: string;
  attempted_at: Timestamp;
  outcome: DeliveryOutcome;
  http_status: Optional<number>;
  error_code: Optional<string>;
  message: Optional<string>;
  /** A plain-language fix for the error. */
  fix: Optional<string>;
}

/** One row, made with the database: its random ID, which salts the hub's idempotency keys. */
export interface HubInstallTable {
  id: string;
  created_at: Timestamp;
}

/** The hub's database, as Kysely sees it. */
export interface Database {
  hub_install: HubInstallTable;
  alerts: AlertsTable;
  alert_groups: AlertGroupsTable;
  outbox: OutboxTable;
  deliveries: DeliveriesTable;
}
