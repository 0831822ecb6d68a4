import type { ColumnType, Generated } from "kysely";

/** A column that may hold NULL and may be left out of an insert (it is then NULL). */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** An ISO 8601 timestamp, stored as text. */
export type Timestamp = string;
/** A JSON document, stored as text. */
export type JsonText = string;

export type StoredAlertStatus = "firing" | "resolved" | "dismissed";
export type AlertDecision =
  | "open_incident"
  | "record_only"
  | "suppressed"
  | "resolve"
  | "ignored"
  | "update_incident"
  | "forward";
export type AlertGroupState = "open" | "resolved";
export type OutboxKind = "declare" | "close" | "update" | "forward";
export type OutboxState = "pending" | "delivered" | "failed";
export type DeliveryOutcome = "delivered" | "retry" | "failed" | "replayed";

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
  /**
   * The alert's labels as a JSON object of strings; null when they are exactly the `labels` of its own JSON
   * (`alerts/stored-labels.ts`), so most alerts do not store them twice.
   */
  labels: Optional<JsonText>;
  /** The alert's own JSON exactly as received (for a notification group, its entry of `alerts[]`). */
  payload: JsonText;
  received_at: Timestamp;
  decision: Optional<AlertDecision>;
  reason: Optional<string>;
  /** The name of the rule that decided. */
  rule: Optional<string>;
  /**
   * 1 when the alert arrived while its group's incident was open (a repeat, or the alert that resolved it), else
   * null: only the others are in the index of each group's alerts (migration 016).
   */
  while_open: Optional<number>;
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
  /** Alerts the sender left out of the group's latest notification (`truncatedAlerts`), when it left any. */
  truncated_alerts: Optional<number>;
}

/**
 * One alert firing in a group that gathers several (a notification group, or alerts sharing labels): the group's
 * incident closes when it has none left. An alert that resolves is deleted (rows of older versions may say
 * `resolved`).
 */
export interface AlertGroupMembersTable {
  group_key: string;
  dedup_key: string;
  status: StoredAlertStatus;
  title: string;
  updated_at: Timestamp;
}

/** A request refused whole (too large, too many alerts, unreadable), so a lost notification leaves a trace. */
export interface IntakeRefusalsTable {
  /** A ULID. */
  id: string;
  source: string;
  received_at: Timestamp;
  http_status: number;
  reason: string;
  bytes: Optional<number>;
  alerts: Optional<number>;
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
  /** The entry's place in its group's order (1, 2, …): a group's entries go out in this order. */
  seq: Generated<number>;
  /** The hub process delivering the entry, and until when its claim holds. */
  claimed_by: Optional<string>;
  claimed_until: Optional<Timestamp>;
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
  /** The account the hub delivers alerts to, recorded when it first started with one. */
  account: Optional<string>;
}

/** One incident of the mirror: the facts readers filter on, flattened, and the API's JSON as it came. */
export interface MirroredIncidentsTable {
  /** incident.io's incident ID; the primary key is (account, id). */
  id: string;
  /** The incidentkit account alias it was read from. */
  account: string;
  reference: string;
  name: string;
  summary: Optional<string>;
  severity_id: Optional<string>;
  severity_name: Optional<string>;
  severity_rank: Optional<number>;
  status_id: string;
  status_name: string;
  status_category: string;
  type_id: Optional<string>;
  type_name: Optional<string>;
  mode: string;
  visibility: string;
  /** Normalised to millisecond ISO 8601 (UTC), so text order is time order. */
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Optional<Timestamp>;
  permalink: Optional<string>;
  /** `MirroredCustomField[]` as JSON. */
  custom_fields: JsonText;
  /** The API's `IncidentV2` as JSON. */
  raw: JsonText;
  /** When the mirror last wrote this row. */
  mirrored_at: Timestamp;
}

export type BackfillState = "pending" | "running" | "done";

/** One row per account: how far the backfill got, where reconciliation starts, and how syncing went. */
export interface MirrorSyncTable {
  account: string;
  backfill_state: BackfillState;
  /** The `after` cursor of the next page to fetch; null before the first page and once done. */
  backfill_cursor: Optional<string>;
  /** `pagination_meta.total_record_count`, when the API gave it. */
  backfill_total: Optional<number>;
  backfilled_count: Generated<number>;
  backfill_started_at: Optional<Timestamp>;
  backfill_completed_at: Optional<Timestamp>;
  /** The next reconciliation asks for incidents updated since this (less a safety margin). */
  reconcile_from: Optional<Timestamp>;
  /** The newest `updated_at` the mirror has seen from this account. */
  last_seen_updated_at: Optional<Timestamp>;
  last_success_at: Optional<Timestamp>;
  last_attempt_at: Optional<Timestamp>;
  /** The API's error message (never a key) and what to do about it. */
  last_error: Optional<string>;
  last_error_hint: Optional<string>;
  last_error_at: Optional<Timestamp>;
}

/** One incident.io webhook delivery, by its webhook-id: received once, processed once. */
export interface WebhookReceiptsTable {
  webhook_id: string;
  event_type: string;
  incident_id: Optional<string>;
  received_at: Timestamp;
  /** When the processing finished; NULL while it runs or after it failed. */
  processed_at: Optional<Timestamp>;
  /** Why the last processing failed. */
  error: Optional<string>;
  attempts: Generated<number>;
  /** The hub process running (or that ran) the processing, and until when its claim holds. */
  claimed_by: Optional<string>;
  claimed_until: Optional<Timestamp>;
}

/** incident.io's rate limit for one API key (by digest), as a token bucket that every hub process takes from. */
export interface RateBudgetsTable {
  key: string;
  tokens: number;
  refilled_at_ms: number;
  paused_until_ms: Generated<number>;
}

export type StoredChangeKind = "deploy" | "feature_flag" | "config" | "other";
export type StoredChangeSource = "api" | "cli" | "github";

/** A change to a service (a deploy, a feature-flag flip, a config change), posted to the hub. */
export interface ChangesTable {
  /** A ULID. */
  id: string;
  /** An entity ref (`component:default/payments-api`) when the catalog knows the service, else the name as sent. */
  service: string;
  kind: StoredChangeKind;
  description: string;
  link: Optional<string>;
  author: Optional<string>;
  /** When the change took effect; millisecond ISO 8601 (UTC), so text order is time order. */
  happened_at: Timestamp;
  received_at: Timestamp;
  source: StoredChangeSource;
  /** The sender's ID for the change (e.g. a GitHub deployment and its state); unique when present. */
  external_id: Optional<string>;
  /** Where it was deployed (`production`, `staging`, `pr-123`); null when the sender did not say. */
  environment: Optional<string>;
  /** 1 when it reached production, 0 when not (staging, a preview); null when no environment was named. */
  production: Optional<number>;
}

export type InvestigationTrigger = "auto" | "cli" | "api";

/** One investigation of one incident, and what became of publishing it. */
export interface InvestigationsTable {
  /** A ULID. */
  id: string;
  incident_id: string;
  /** The incident's account; null on investigations made before the hub served several (its own account). */
  account: Optional<string>;
  /** `auto`: on an incident-created webhook, once per incident; `cli`, `api`: asked for. */
  trigger: InvestigationTrigger;
  /** The findings report as JSON; NULL until the run finished. Written once. */
  report: Optional<JsonText>;
  created_at: Timestamp;
  completed_at: Optional<Timestamp>;
  /** When the findings were in the incident's summary; NULL while not (or not configured). */
  summary_appended_at: Optional<Timestamp>;
  /** When Slack took the post; NULL while not (or not configured). */
  slack_posted_at: Optional<Timestamp>;
  /** How many times publishing was tried. */
  publish_attempts: Generated<number>;
  /** `{ at, stage, message }[]` as JSON, newest last; never a secret. */
  errors: Generated<JsonText>;
}

/** A Slack post made, by its dedupe key: the persistent ledger behind post-once. */
export interface SlackPostsTable {
  dedupe_key: string;
  /** Slack's receipt (`SlackReceipt`) as JSON. */
  receipt: JsonText;
  posted_at: Timestamp;
}

/** The level an entity last reached on a scorecard, as the scheduled scorecard runs recorded it. */
export interface ScorecardLevelsTable {
  scorecard: string;
  /** The entity's ref, e.g. `component:default/payments-api`. */
  entity_ref: string;
  /** NULL: no level reached. */
  level: Optional<string>;
  /** Passed weight over total weight, 0 to 1. */
  score: number;
  /** When the entity reached this level (the run that first saw it there). */
  since: Timestamp;
  /** The level it held before this one; NULL at its first record or when it held none. */
  previous_level: Optional<string>;
  /** The last run that scored it. */
  checked_at: Timestamp;
}

/** The hub's database, as Kysely sees it. */
export interface Database {
  hub_install: HubInstallTable;
  alerts: AlertsTable;
  alert_groups: AlertGroupsTable;
  alert_group_members: AlertGroupMembersTable;
  intake_refusals: IntakeRefusalsTable;
  outbox: OutboxTable;
  deliveries: DeliveriesTable;
  mirrored_incidents: MirroredIncidentsTable;
  mirror_sync: MirrorSyncTable;
  webhook_receipts: WebhookReceiptsTable;
  changes: ChangesTable;
  investigations: InvestigationsTable;
  slack_posts: SlackPostsTable;
  rate_budgets: RateBudgetsTable;
  scorecard_levels: ScorecardLevelsTable;
}
