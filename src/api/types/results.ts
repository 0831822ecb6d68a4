import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { Incident, IncidentUpdate } from "./incident.js";
import {
  CustomField,
  CustomFieldOption,
  Identity,
  IncidentRole,
  IncidentStatus,
  IncidentTimestamp,
  IncidentType,
  Severity,
} from "./settings.js";
import { UserWithRoles } from "./user.js";

/** The envelopes incident.io wraps every answer in. */
export const IdentityResult = z.looseObject({ identity: Identity });
export const SeverityResult = z.looseObject({ severity: Severity });
export const SeveritiesListResult = z.looseObject({ severities: z.array(Severity) });
export const IncidentStatusResult = z.looseObject({ incident_status: IncidentStatus });
export const IncidentStatusesListResult = z.looseObject({ incident_statuses: z.array(IncidentStatus) });
export const IncidentTypeResult = z.looseObject({ incident_type: IncidentType });
export const IncidentTypesListResult = z.looseObject({ incident_types: z.array(IncidentType) });
export const CustomFieldResult = z.looseObject({ custom_field: CustomField });
export const CustomFieldsListResult = z.looseObject({ custom_fields: z.array(CustomField) });
export const CustomFieldOptionResult = z.looseObject({ custom_field_option: CustomFieldOption });
export const CustomFieldOptionsListResult = z.looseObject({
  custom_field_options: z.array(CustomFieldOption),
  pagination_meta: PaginationMeta.optional(),
});
export const IncidentRoleResult = z.looseObject({ incident_role: IncidentRole });
export const IncidentRolesListResult = z.looseObject({ incident_roles: z.array(IncidentRole) });
export const IncidentTimestampResult = z.looseObject({ incident_timestamp: IncidentTimestamp });
export const IncidentTimestampsListResult = z.looseObject({
  incident_timestamps: z.array(IncidentTimestamp),
});
export const UserResult = z.looseObject({ user: UserWithRoles });
export const UsersListResult = z.looseObject({
  users: z.array(UserWithRoles),
  pagination_meta: PaginationMeta.optional(),
});
export const IncidentResult = z.looseObject({ incident: Incident });
export type IncidentResult = z.infer<typeof IncidentResult>;
export const IncidentsListResult = z.looseObject({
  incidents: z.array(Incident),
  pagination_meta: PaginationMeta.optional(),
});
export type IncidentsListResult = z.infer<typeof IncidentsListResult>;
export const IncidentUpdateResult = z.looseObject({ incident_update: IncidentUpdate });
export type IncidentUpdateResult = z.infer<typeof IncidentUpdateResult>;
export const IncidentUpdatesListResult = z.looseObject({
  incident_updates: z.array(IncidentUpdate),
  pagination_meta: PaginationMeta.optional(),
});
export type IncidentUpdatesListResult = z.infer<typeof IncidentUpdatesListResult>;
