import { z } from "zod";
import { openEnum } from "./open-enum.js";

/** `IdentityV1`: who the API key is. */
export const Identity = z.looseObject({
  name: z.string(),
  dashboard_url: z.string(),
  roles: z.array(z.string()),
  team_roles: z.array(z.string()),
  teams: z.array(z.looseObject({ id: z.string(), name: z.string() })),
});
export type Identity = z.infer<typeof Identity>;

/** `SeverityV1`/`SeverityV2`. Higher `rank` is more severe. */
export const Severity = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rank: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Severity = z.infer<typeof Severity>;

export const INCIDENT_STATUS_CATEGORIES = [
  "triage",
  "declined",
  "merged",
  "canceled",
  "live",
  "learning",
  "closed",
  "paused",
] as const;
/** `live` is "Active" in the app and `learning` is "Post-incident". */
export type IncidentStatusCategory = (typeof INCIDENT_STATUS_CATEGORIES)[number];

/**
 * An open incident's status categories: triage, live or paused. It has not been resolved (learning, closed) nor
 * set aside (declined, merged, canceled).
 */
export const OPEN_STATUS_CATEGORIES: ReadonlySet<string> = new Set(["triage", "live", "paused"]);

/** `IncidentStatusV1`/`IncidentStatusV2`. */
export const IncidentStatus = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rank: z.number(),
  category: openEnum(INCIDENT_STATUS_CATEGORIES),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** `IncidentTypeV1` (V2, embedded in incidents, lacks `owning_team_ids`). */
export const IncidentType = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  private_incidents_only: z.boolean(),
  create_in_triage: openEnum(["always", "optional"]),
  created_at: z.string(),
  updated_at: z.string(),
  owning_team_ids: z.array(z.string()).optional(),
});
export type IncidentType = z.infer<typeof IncidentType>;

export const CustomFieldType = openEnum(["single_select", "multi_select", "text", "link", "numeric"]);

/** `CustomFieldV2`. */
export const CustomField = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  field_type: CustomFieldType,
  created_at: z.string(),
  updated_at: z.string(),
  catalog_type_id: z.string().optional(),
  filter_by: z.looseObject({ catalog_attribute_id: z.string(), custom_field_id: z.string() }).optional(),
  fixed_filter: z.looseObject({ catalog_attribute_id: z.string(), values: z.array(z.string()) }).optional(),
  group_by_catalog_attribute_id: z.string().optional(),
  helptext_catalog_attribute_id: z.string().optional(),
});
export type CustomField = z.infer<typeof CustomField>;

/** `CustomFieldOptionV1`/`V2`: one choice of a select field. */
export const CustomFieldOption = z.looseObject({
  id: z.string(),
  custom_field_id: z.string(),
  value: z.string(),
  sort_key: z.number(),
});
export type CustomFieldOption = z.infer<typeof CustomFieldOption>;

/** `IncidentRoleV2`. Every organisation has a `lead` role. */
export const IncidentRole = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  instructions: z.string(),
  shortform: z.string(),
  role_type: openEnum(["lead", "reporter", "custom"]),
  created_at: z.string(),
  updated_at: z.string(),
  /** Deprecated by incident.io; only on roles embedded in incidents. */
  required: z.boolean().optional(),
});
export type IncidentRole = z.infer<typeof IncidentRole>;

/** `IncidentTimestampV2`. */
export const IncidentTimestamp = z.looseObject({
  id: z.string(),
  name: z.string(),
  rank: z.number(),
});
export type IncidentTimestamp = z.infer<typeof IncidentTimestamp>;
