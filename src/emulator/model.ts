/**
 * The emulator's stored records. Incidents are stored normalised (IDs, not embedded objects) and rendered
 * into incident.io's response shapes on read, so renaming a severity shows on every incident, as in the
 * real product. Timestamps are RFC 3339 strings, as the API returns them.
 */

import type { IncidentAttachmentRecord, IncidentRelationshipRecord } from "./model-attachments.js";
import type { ActionRecord, FollowUpPriorityRecord, FollowUpRecord } from "./model-follow-ups.js";
import type { IncidentMembershipRecord } from "./model-memberships.js";
import type {
  EscalationPathRecord,
  EscalationRecord,
  ScheduleOverrideRecord,
  ScheduleRecord,
} from "./model-oncall.js";
import type { PostmortemDocumentRecord } from "./model-postmortems.js";
import type { WorkflowRecord, WorkflowRunRecord } from "./model-workflows.js";

export type StatusCategory =
  | "triage"
  | "declined"
  | "merged"
  | "canceled"
  | "live"
  | "learning"
  | "closed"
  | "paused";
export type IncidentMode = "standard" | "retrospective" | "test" | "tutorial";
export type Visibility = "public" | "private";
export type CustomFieldType = "single_select" | "multi_select" | "text" | "link" | "numeric";
export type RoleType = "lead" | "reporter" | "custom";

export interface Organisation {
  id: string;
  name: string;
  /** Used in permalinks and the identity's dashboard_url: https://app.incident.io/<slug>/… */
  slug: string;
  slack_team_id: string;
}

export interface SeverityRecord {
  id: string;
  name: string;
  description: string;
  /** Higher is more severe. */
  rank: number;
  created_at: string;
  updated_at: string;
}

export interface IncidentStatusRecord {
  id: string;
  name: string;
  description: string;
  rank: number;
  category: StatusCategory;
  created_at: string;
  updated_at: string;
}

export interface IncidentTypeRecord {
  id: string;
  name: string;
  description: string;
  is_default: boolean;
  private_incidents_only: boolean;
  create_in_triage: "always" | "optional";
  created_at: string;
  updated_at: string;
}

export interface CatalogTypeRecord {
  id: string;
  name: string;
  description: string;
  /** e.g. `Custom["Service"]` */
  type_name: string;
  created_at: string;
  updated_at: string;
  /** The rest came with Catalog V3: absent in stores written before it, where reads use the defaults. */
  categories?: string[];
  color?: string;
  icon?: string;
  ranked?: boolean;
  annotations?: Record<string, string>;
  owning_team_ids?: string[];
  source_repo_url?: string;
  use_name_as_identifier?: boolean;
  schema?: CatalogSchemaRecord;
  /** Set when the type was deleted (incident.io archives types); archived types are gone from the API. */
  archived_at?: string;
}

export interface CatalogSchemaRecord {
  version: number;
  attributes: CatalogAttributeRecord[];
}

/** One attribute of a catalog type. `type` is a primitive (`String`, `Text`, `Number`, `Bool`) or a type name. */
export interface CatalogAttributeRecord {
  id: string;
  name: string;
  type: string;
  array: boolean;
  mode: string;
  /** For backlinks: the attribute of the `type` whose values point at this type's entries. */
  backlink_attribute?: string;
  /** For path attributes: the attribute IDs followed, first one of this type. */
  path?: string[];
}

/** What was set on an entry for one attribute: literals, as sent (references stay as the caller spelled them). */
export interface StoredAttributeValue {
  value?: string;
  array_value?: string[];
}

export interface CatalogEntryRecord {
  id: string;
  catalog_type_id: string;
  name: string;
  external_id?: string;
  aliases: string[];
  created_at: string;
  updated_at: string;
  rank?: number;
  attribute_values?: Record<string, StoredAttributeValue>;
  /** Set when the entry was deleted: incidents that name it still show it, the catalog API no longer does. */
  archived_at?: string;
}

export interface CustomFieldRecord {
  id: string;
  name: string;
  description: string;
  field_type: CustomFieldType;
  /** Set for catalog-backed fields: values are catalog entries of this type. */
  catalog_type_id?: string;
  created_at: string;
  updated_at: string;
}

export interface CustomFieldOptionRecord {
  id: string;
  custom_field_id: string;
  value: string;
  sort_key: number;
}

export interface IncidentRoleRecord {
  id: string;
  name: string;
  description: string;
  instructions: string;
  shortform: string;
  role_type: RoleType;
  created_at: string;
  updated_at: string;
}

export interface IncidentTimestampRecord {
  id: string;
  name: string;
  rank: number;
}

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  slack_user_id?: string;
  /** Deprecated in the API but still required in UserV2. */
  role: "viewer" | "responder" | "administrator" | "owner" | "unset";
  is_active: boolean;
  base_role: { id: string; name: string; slug: string; description?: string };
  seats: { on_call: string; response: "full_access" | "viewer_only" | "none" };
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The bearer token, `inc_` + 64 hex characters. */
  token: string;
  /** Role names as in incident.io's APIKeyRoleV1 (viewer, incident_creator, …, global_access). */
  roles: string[];
  created_at: string;
}

/** Who did something: exactly one of the members is set. Mirrors ActorV2. */
export type ActorRef =
  | { api_key_id: string }
  | { user_id: string }
  | { workflow: { id: string; name: string } };

/** A stored custom field value; which member is set depends on the field's type. */
export interface StoredCustomFieldValue {
  value_option_id?: string;
  value_catalog_entry_id?: string;
  value_text?: string;
  value_link?: string;
  /** Numeric values travel as strings in the API, e.g. "123.456". */
  value_numeric?: string;
}

export interface IncidentRecord {
  id: string;
  /** The n of INC-n. */
  number: number;
  name: string;
  summary?: string;
  incident_status_id: string;
  severity_id?: string;
  incident_type_id?: string;
  mode: IncidentMode;
  visibility: Visibility;
  creator: ActorRef;
  custom_field_entries: { custom_field_id: string; values: StoredCustomFieldValue[] }[];
  role_assignments: { incident_role_id: string; assignee_user_id?: string }[];
  timestamp_values: { incident_timestamp_id: string; value: string }[];
  team_ids: string[];
  slack_channel_id: string;
  slack_channel_name?: string;
  call_url?: string;
  /** A retrospective incident's post-mortem document, given when it was created. */
  postmortem_document_url?: string;
  idempotency_key?: string;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
}

export interface IncidentUpdateRecord {
  id: string;
  incident_id: string;
  new_incident_status_id: string;
  new_severity_id?: string;
  updater: ActorRef;
  message?: string;
  idempotency_key?: string;
  created_at: string;
}

/**
 * An alert source that accepts HTTP alert events (`source_type: http`). Its `secret_token` authenticates
 * `POST /v2/alert_events/http/{id}`, in the Authorization header or as `?token=`, instead of an API key.
 */
export interface AlertSourceRecord {
  id: string;
  name: string;
  source_type: "http";
  secret_token: string;
  created_at: string;
  updated_at: string;
}

export type AlertStatus = "firing" | "resolved";

/**
 * One alert: every event with the same `deduplication_key` on the same source lands on it. `metadata` is kept as
 * sent (the API shows alerts' parsed attributes instead; the emulator parses none), so tests can read it.
 */
export interface AlertRecord {
  id: string;
  alert_source_id: string;
  deduplication_key: string;
  status: AlertStatus;
  title: string;
  description?: string;
  source_url?: string;
  metadata?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  resolved_at?: string;
}

/** Everything the emulator holds for one organisation. The demo seed produces one; the store persists it. */
export interface Snapshot {
  organisation: Organisation;
  severities: SeverityRecord[];
  incident_statuses: IncidentStatusRecord[];
  incident_types: IncidentTypeRecord[];
  catalog_types: CatalogTypeRecord[];
  catalog_entries: CatalogEntryRecord[];
  custom_fields: CustomFieldRecord[];
  custom_field_options: CustomFieldOptionRecord[];
  incident_roles: IncidentRoleRecord[];
  incident_timestamps: IncidentTimestampRecord[];
  users: UserRecord[];
  api_keys: ApiKeyRecord[];
  incidents: IncidentRecord[];
  incident_updates: IncidentUpdateRecord[];
  alert_sources: AlertSourceRecord[];
  alerts: AlertRecord[];
  incident_attachments: IncidentAttachmentRecord[];
  incident_relationships: IncidentRelationshipRecord[];
  postmortem_documents: PostmortemDocumentRecord[];
  workflows: WorkflowRecord[];
  workflow_runs: WorkflowRunRecord[];
  follow_up_priorities: FollowUpPriorityRecord[];
  follow_ups: FollowUpRecord[];
  actions: ActionRecord[];
  incident_memberships: IncidentMembershipRecord[];
  schedules: ScheduleRecord[];
  schedule_overrides: ScheduleOverrideRecord[];
  escalation_paths: EscalationPathRecord[];
  escalations: EscalationRecord[];
}
