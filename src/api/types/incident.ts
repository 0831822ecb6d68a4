import { z } from "zod";
import { Actor, User } from "./common.js";
import { openEnum } from "./open-enum.js";
import {
  CustomFieldOption,
  CustomFieldType,
  IncidentRole,
  IncidentStatus,
  IncidentTimestamp,
  Severity,
} from "./settings.js";

export const IncidentMode = openEnum(["standard", "retrospective", "test", "tutorial"]);
export type IncidentMode = z.infer<typeof IncidentMode>;
export const IncidentVisibility = openEnum(["public", "private"]);
export type IncidentVisibility = z.infer<typeof IncidentVisibility>;

/** `IncidentTypeV2`, as embedded in an incident. */
const EmbeddedIncidentType = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  private_incidents_only: z.boolean(),
  create_in_triage: openEnum(["always", "optional"]),
  created_at: z.string(),
  updated_at: z.string(),
});

/** `CustomFieldValueV2`: exactly one of these is set, by the field's type. */
export const CustomFieldValue = z.looseObject({
  value_option: CustomFieldOption.optional(),
  value_text: z.string().optional(),
  value_link: z.string().optional(),
  /** A decimal as a string, e.g. "123.456". */
  value_numeric: z.string().optional(),
  value_catalog_entry: z
    .looseObject({
      id: z.string(),
      name: z.string(),
      external_id: z.string().optional(),
      aliases: z.array(z.string()).optional(),
    })
    .optional(),
});
export type CustomFieldValue = z.infer<typeof CustomFieldValue>;

/** `CustomFieldEntryV2`. */
export const CustomFieldEntry = z.looseObject({
  custom_field: z.looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    field_type: CustomFieldType,
    options: z.array(CustomFieldOption),
  }),
  values: z.array(CustomFieldValue),
});
export type CustomFieldEntry = z.infer<typeof CustomFieldEntry>;

/** `IncidentRoleAssignmentV2`. */
export const IncidentRoleAssignment = z.looseObject({
  role: IncidentRole,
  assignee: User.optional(),
});
export type IncidentRoleAssignment = z.infer<typeof IncidentRoleAssignment>;

/** `IncidentTimestampWithValueV2`. */
export const IncidentTimestampWithValue = z.looseObject({
  incident_timestamp: IncidentTimestamp,
  value: z.looseObject({ value: z.string().optional() }).optional(),
});
export type IncidentTimestampWithValue = z.infer<typeof IncidentTimestampWithValue>;

/** `IncidentDurationMetricWithValueV2`. */
export const IncidentDurationMetricWithValue = z.looseObject({
  duration_metric: z.looseObject({ id: z.string(), name: z.string() }),
  status: openEnum(["success", "timestamps_missing", "calculating", "invalid_timestamps"]),
  value_seconds: z.number().optional(),
});

/** `IncidentV2`, with the fields the live API added since the published description. */
export const Incident = z.looseObject({
  id: z.string(),
  /** As shown in the product, e.g. "INC-123". */
  reference: z.string(),
  name: z.string(),
  summary: z.string().optional(),
  incident_status: IncidentStatus,
  severity: Severity.optional(),
  incident_type: EmbeddedIncidentType.optional(),
  mode: IncidentMode,
  visibility: IncidentVisibility,
  creator: Actor,
  custom_field_entries: z.array(CustomFieldEntry),
  incident_role_assignments: z.array(IncidentRoleAssignment),
  incident_timestamp_values: z.array(IncidentTimestampWithValue).optional(),
  duration_metrics: z.array(IncidentDurationMetricWithValue).optional(),
  created_at: z.string(),
  updated_at: z.string(),
  // Required by the description, but the channel is created asynchronously and may be missing at first.
  slack_channel_id: z.string().optional(),
  slack_team_id: z.string().optional(),
  slack_channel_name: z.string().optional(),
  call_url: z.string().optional(),
  permalink: z.string().optional(),
  postmortem_document_url: z.string().optional(),
  postmortem_document_ids: z.array(z.string()).optional(),
  external_issue_reference: z
    .looseObject({ issue_name: z.string(), issue_permalink: z.string(), provider: z.string() })
    .optional(),
  has_debrief: z.boolean().optional(),
  workload_minutes_total: z.number().optional(),
  workload_minutes_working: z.number().optional(),
  workload_minutes_late: z.number().optional(),
  workload_minutes_sleeping: z.number().optional(),
  // The live API's additions (required there); optional so servers built from the description still parse.
  /** When the incident last recorded activity. */
  last_activity_at: z.string().optional(),
  /** The teams that own this incident; empty when none match. */
  team_ids: z.array(z.string()).optional(),
  slack_channel_url: z.string().optional(),
  ms_teams_channel_url: z.string().optional(),
});
export type Incident = z.infer<typeof Incident>;

/** `IncidentUpdateV2`: a status/severity change or a message posted on an incident. */
export const IncidentUpdate = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  created_at: z.string(),
  new_incident_status: IncidentStatus,
  new_severity: Severity.optional(),
  updater: Actor,
  message: z.string().optional(),
  /** Set when this update merged the incident into another. */
  merged_into_incident_id: z.string().optional(),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;
