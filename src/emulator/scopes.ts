/**
 * Which scopes each API key role grants. incident.io documents the scope each operation needs
 * (`x-rbac-scopes`) and the role names a key can hold, but not the mapping between them; this table is our
 * reading of the role descriptions, covering the scopes the emulator checks. `global_access` grants everything.
 */

const CONFIGURATION_VIEW = [
  "severities.view",
  "incident_statuses.view",
  "incident_types.view",
  "custom_fields.view",
  "incident_roles.view",
] as const;

const INCIDENT_EDIT = [
  "incidents.update_name",
  "incidents.update_summary",
  "incidents.update_severity",
  "incidents.update_status",
  "incidents.update_custom_fields",
  "incidents.update_timestamps",
  "incidents.update_role_assignments",
  "incident_calls.create",
  "incident_calls.destroy",
] as const;

/** Actions and follow-ups are part of editing an incident. */
const WORK_ITEM_EDIT = [
  "actions.create",
  "actions.update",
  "actions.destroy",
  "follow_ups.create",
  "follow_ups.update",
  "follow_ups.destroy",
  "follow_ups.connect_external_issue",
] as const;

const ON_CALL_VIEW = ["schedules.view", "escalation_paths.view", "escalations.view"] as const;
const SCHEDULES_EDIT = [
  "schedules.view",
  "schedules.create",
  "schedules.update",
  "schedules.destroy",
] as const;
const OVERRIDES_EDIT = [
  "schedule_overrides.create",
  "schedule_overrides.update",
  "schedule_overrides.destroy",
] as const;

export const ROLE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  /** "View data": read everything that is not private or a secret. */
  viewer: [
    ...CONFIGURATION_VIEW,
    "incidents.view",
    "users.view",
    "actions.view",
    "catalog_types.view",
    "catalog_entries.view",
    "alerts.view",
    "alert_sources.view",
    ...ON_CALL_VIEW,
    "attachments.view",
    "in_app_postmortems.copy_as_markdown",
  ],
  /** "Create incidents": declare incidents, reading the configuration needed to fill one in. */
  incident_creator: [...CONFIGURATION_VIEW, "incidents.create"],
  /** "Edit incidents": change fields and status of existing incidents, post updates. */
  incident_editor: [
    ...CONFIGURATION_VIEW,
    ...INCIDENT_EDIT,
    ...WORK_ITEM_EDIT,
    // Attaching a PR or a dashboard to an incident is part of working on it.
    "attachments.create",
    "attachments.destroy",
  ],
  /** "Manage private incident memberships". */
  incident_memberships_editor: ["incident_memberships.grant", "incident_memberships.revoke"],
  /** "Manage settings": configuration such as severities, statuses, custom fields and roles. */
  manage_settings: [...CONFIGURATION_VIEW, "organisation_settings.update", "incident_lifecycles.update"],
  catalog_viewer: ["catalog_types.view", "catalog_entries.view"],
  /** "Manage post-mortems": link external documents, move documents through review. */
  postmortems_manage: [
    "external_postmortems.create",
    "in_app_postmortems.update_status",
    "in_app_postmortems.import",
  ],
  workflows_viewer: ["workflows.view"],
  workflows_editor: ["workflows.view", "workflows.create", "workflows.update", "workflows.destroy"],
  catalog_editor: [
    "catalog_types.view",
    "catalog_entries.view",
    "catalog_types.create",
    "catalog_types.edit",
    "catalog_types.destroy",
    "catalog_entries.create",
    "catalog_entries.edit",
    "catalog_entries.destroy",
  ],
  schedules_reader: ["schedules.view"],
  /** "Manage schedules": the schedules themselves and their overrides. */
  schedules_editor: [...SCHEDULES_EDIT, ...OVERRIDES_EDIT],
  /** "Manage schedule overrides": cover someone's shift without changing the rotations. */
  schedule_overrides_editor: ["schedules.view", ...OVERRIDES_EDIT],
  on_call_viewer: [...ON_CALL_VIEW],
  /** "Create and manage on-call resources": schedules, escalation paths and escalations. */
  on_call_editor: [
    ...ON_CALL_VIEW,
    ...SCHEDULES_EDIT,
    ...OVERRIDES_EDIT,
    "escalation_paths.create",
    "escalation_paths.update",
    "escalation_paths.destroy",
    "escalations.create",
    "escalations.cancel",
  ],
  /** "Create and manage escalations": page through a path or straight to people, and cancel pages. */
  escalation_creator: [
    "escalation_paths.view",
    "escalations.view",
    "escalations.create",
    "escalations.cancel",
  ],
};

export const GLOBAL_ACCESS = "global_access";

/** Whether a key holding `roles` has `scope`. */
export function hasScope(roles: readonly string[], scope: string): boolean {
  for (const role of roles) {
    if (role === GLOBAL_ACCESS) return true;
    if (ROLE_SCOPES[role]?.includes(scope)) return true;
  }
  return false;
}

/**
 * Whether a key holding `roles` sees private incidents. incident.io's viewer role "can view data, like public
 * incidents", and its description says runs on private incidents go "only to an API key with global incident
 * access": to any other key a private incident does not exist (left out of lists, 404 when asked for).
 */
export function seesPrivateIncidents(roles: readonly string[]): boolean {
  return roles.includes(GLOBAL_ACCESS);
}
