/** Request bodies, as incident.io names them. Plain types: we build these, incident.io validates them. */

/** `CustomFieldValuePayloadV2`: set the key matching the field's type. */
export interface CustomFieldValuePayload {
  id?: string;
  value_option_id?: string;
  value_text?: string;
  value_link?: string;
  /** A decimal as a string. */
  value_numeric?: string;
  /** An ID, or the entry's external ID or an alias. */
  value_catalog_entry_id?: string;
  /** Deprecated by incident.io. */
  value_timestamp?: string;
}

/** `CustomFieldEntryPayloadV2`: an empty `values` unsets the field. */
export interface CustomFieldEntryPayload {
  custom_field_id: string;
  values: CustomFieldValuePayload[];
}

/** `IncidentRoleAssignmentPayloadV2`: the assignee by ID, email or Slack user ID. */
export interface IncidentRoleAssignmentPayload {
  incident_role_id: string;
  assignee?: { id?: string; email?: string; slack_user_id?: string };
}

/** `IncidentTimestampValuePayloadV2`. */
export interface IncidentTimestampValuePayload {
  incident_timestamp_id: string;
  /** RFC 3339; omit to unset. */
  value?: string;
}

/** `IncidentsCreatePayloadV2`. `idempotency_key` makes a repeated create return the first incident. */
export interface IncidentsCreatePayload {
  idempotency_key: string;
  visibility: "public" | "private";
  name?: string;
  summary?: string;
  mode?: "standard" | "retrospective" | "test" | "tutorial";
  severity_id?: string;
  incident_status_id?: string;
  incident_type_id?: string;
  custom_field_entries?: CustomFieldEntryPayload[];
  incident_role_assignments?: IncidentRoleAssignmentPayload[];
  incident_timestamp_values?: IncidentTimestampValuePayload[];
  slack_channel_name_override?: string;
  slack_team_id?: string;
  retrospective_incident_options?: {
    external_id?: number;
    postmortem_document_url?: string;
    slack_channel_id?: string;
  };
}

/** `IncidentEditPayloadV2`: only the fields given are changed. */
export interface IncidentEditPayload {
  name?: string;
  summary?: string;
  call_url?: string;
  severity_id?: string;
  incident_status_id?: string;
  custom_field_entries?: CustomFieldEntryPayload[];
  incident_role_assignments?: IncidentRoleAssignmentPayload[];
  incident_timestamp_values?: IncidentTimestampValuePayload[];
  slack_channel_name_override?: string;
}

/** `IncidentsEditPayloadV2`. */
export interface IncidentsEditPayload {
  /** Whether incident.io posts the change in the incident's Slack channel. */
  notify_incident_channel: boolean;
  incident: IncidentEditPayload;
}

/** `IncidentUpdatesCreatePayloadV2` (live API): a message and/or a move to a status or severity. */
export interface IncidentUpdatesCreatePayload {
  idempotency_key: string;
  incident_id: string;
  /** Markdown. */
  message?: string;
  to_incident_status_id?: string;
  to_severity_id?: string;
}

/** `SeveritiesCreatePayloadV1` (also the update body). */
export interface SeveritiesCreatePayload {
  /** At most 50 characters. */
  name: string;
  description: string;
  rank?: number;
}
export type SeveritiesUpdatePayload = SeveritiesCreatePayload;

/**
 * `CustomFieldOptionsCreatePayloadV1`: an option of a single- or multi-select field. The value is unique within
 * the field and must not start or end with whitespace, or contain tabs or newlines.
 */
export interface CustomFieldOptionsCreatePayload {
  custom_field_id: string;
  value: string;
  /** Lower sorts first; 1000 (near the end) when not given. */
  sort_key?: number;
}

/** `CustomFieldOptionsUpdatePayloadV1`: both are set (send the current sort key to keep it). */
export interface CustomFieldOptionsUpdatePayload {
  value: string;
  sort_key: number;
}

/** `IncidentStatusesCreatePayloadV1`: only these categories can be created. */
export interface IncidentStatusesCreatePayload {
  name: string;
  description: string;
  category: "live" | "learning" | "closed";
}

/** `IncidentStatusesUpdatePayloadV1`: the category cannot change. */
export interface IncidentStatusesUpdatePayload {
  name: string;
  description: string;
}
