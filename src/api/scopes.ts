/**
 * Which scope each operation needs (from the description's `x-rbac-scopes`) and which API key role grants it, so
 * a 403 can say exactly what to change on the key even when incident.io's body does not name the scope.
 */
const OPERATION_SCOPES: ReadonlyArray<readonly [method: string, template: string, scope: string]> = [
  ["GET", "/v1/severities", "severities.view"],
  ["GET", "/v1/severities/{id}", "severities.view"],
  ["POST", "/v1/severities", "organisation_settings.update"],
  ["PUT", "/v1/severities/{id}", "organisation_settings.update"],
  ["DELETE", "/v1/severities/{id}", "organisation_settings.update"],
  ["GET", "/v1/incident_statuses", "incident_statuses.view"],
  ["GET", "/v1/incident_statuses/{id}", "incident_statuses.view"],
  ["POST", "/v1/incident_statuses", "incident_lifecycles.update"],
  ["PUT", "/v1/incident_statuses/{id}", "incident_lifecycles.update"],
  ["DELETE", "/v1/incident_statuses/{id}", "incident_lifecycles.update"],
  ["GET", "/v1/incident_types", "incident_types.view"],
  ["GET", "/v1/incident_types/{id}", "incident_types.view"],
  ["GET", "/v2/custom_fields", "custom_fields.view"],
  ["GET", "/v2/custom_fields/{id}", "custom_fields.view"],
  ["POST", "/v2/custom_fields", "organisation_settings.update"],
  ["PUT", "/v2/custom_fields/{id}", "organisation_settings.update"],
  ["DELETE", "/v2/custom_fields/{id}", "organisation_settings.update"],
  ["GET", "/v1/custom_field_options", "custom_fields.view"],
  ["POST", "/v1/custom_field_options", "organisation_settings.update"],
  ["GET", "/v2/incident_roles", "incident_roles.view"],
  ["GET", "/v2/incident_roles/{id}", "incident_roles.view"],
  ["POST", "/v2/incident_roles", "organisation_settings.update"],
  ["PUT", "/v2/incident_roles/{id}", "organisation_settings.update"],
  ["DELETE", "/v2/incident_roles/{id}", "organisation_settings.update"],
  ["GET", "/v2/users", "users.view"],
  ["GET", "/v2/users/{id}", "users.view"],
  ["GET", "/v2/incidents", "incidents.view"],
  ["GET", "/v2/incidents/{id}", "incidents.view"],
  ["POST", "/v2/incidents", "incidents.create"],
  // The description lists no scope for edit; the live API checks one per edited field (incidents.update_*).
  ["POST", "/v2/incidents/{id}/actions/edit", "incidents.update_*"],
  ["GET", "/v2/incident_updates", "incidents.view"],
  // The live API's create-update endpoint; it changes status/severity like an edit does.
  ["POST", "/v2/incident_updates", "incidents.update_status"],
  ["GET", "/v2/follow_ups", "actions.view"],
  ["GET", "/v2/follow_ups/{id}", "actions.view"],
  ["POST", "/v2/follow_ups", "follow_ups.create"],
  ["PUT", "/v2/follow_ups/{id}", "follow_ups.update"],
  ["DELETE", "/v2/follow_ups/{id}", "follow_ups.destroy"],
  ["POST", "/v2/follow_ups/{id}/actions/connect_external_issue", "follow_ups.connect_external_issue"],
  ["GET", "/v2/actions", "actions.view"],
  ["GET", "/v2/actions/{id}", "actions.view"],
  ["POST", "/v2/actions", "actions.create"],
  ["PUT", "/v2/actions/{id}", "actions.update"],
  ["DELETE", "/v2/actions/{id}", "actions.destroy"],
  ["GET", "/v1/custom_field_options/{id}", "custom_fields.view"],
  ["PUT", "/v1/custom_field_options/{id}", "organisation_settings.update"],
  ["DELETE", "/v1/custom_field_options/{id}", "organisation_settings.update"],
  ["POST", "/v1/incident_memberships", "incident_memberships.grant"],
  ["POST", "/v1/incident_memberships/actions/revoke", "incident_memberships.revoke"],
  ["GET", "/v3/catalog_types", "catalog_types.view"],
  ["GET", "/v3/catalog_types/{id}", "catalog_types.view"],
  ["POST", "/v3/catalog_types", "catalog_types.create"],
  ["PUT", "/v3/catalog_types/{id}", "catalog_types.edit"],
  ["POST", "/v3/catalog_types/{id}/actions/update_schema", "catalog_types.edit"],
  ["DELETE", "/v3/catalog_types/{id}", "catalog_types.destroy"],
  ["GET", "/v3/catalog_resources", "catalog_types.view"],
  ["GET", "/v3/catalog_entries", "catalog_entries.view"],
  ["GET", "/v3/catalog_entries/{id}", "catalog_entries.view"],
  ["POST", "/v3/catalog_entries", "catalog_entries.create"],
  ["PUT", "/v3/catalog_entries/{id}", "catalog_entries.edit"],
  ["POST", "/v3/catalog_entries/actions/bulk_update", "catalog_entries.edit"],
  ["DELETE", "/v3/catalog_entries/{id}", "catalog_entries.destroy"],
  ["GET", "/v2/alerts", "alerts.view"],
  ["GET", "/v2/alerts/{id}", "alerts.view"],
  ["GET", "/v2/alert_sources", "alert_sources.view"],
  ["GET", "/v2/alert_sources/{id}", "alert_sources.view"],
  ["GET", "/v1/incident_attachments", "attachments.view"],
  ["POST", "/v1/incident_attachments", "attachments.create"],
  ["DELETE", "/v1/incident_attachments/{id}", "attachments.destroy"],
  ["GET", "/v1/incident_relationships", "incidents.view"],
  ["GET", "/v1/postmortem_documents", "incidents.view"],
  ["GET", "/v1/postmortem_documents/{id}", "incidents.view"],
  ["GET", "/v1/postmortem_documents/{id}/content", "in_app_postmortems.copy_as_markdown"],
  ["GET", "/v2/workflows", "workflows.view"],
  ["GET", "/v2/workflows/{id}", "workflows.view"],
  ["GET", "/v2/workflow_runs", "workflows.view"],
  ["GET", "/v2/workflow_runs/{id}", "workflows.view"],
  ["GET", "/v2/schedules", "schedules.view"],
  ["GET", "/v2/schedules/{id}", "schedules.view"],
  ["POST", "/v2/schedules", "schedules.create"],
  ["PUT", "/v2/schedules/{id}", "schedules.update"],
  ["DELETE", "/v2/schedules/{id}", "schedules.destroy"],
  ["GET", "/v2/schedule_entries", "schedules.view"],
  ["GET", "/v2/schedule_overrides", "schedules.view"],
  ["POST", "/v2/schedule_overrides", "schedule_overrides.create"],
  ["PUT", "/v2/schedule_overrides/{id}", "schedule_overrides.update"],
  ["DELETE", "/v2/schedule_overrides/{id}", "schedule_overrides.destroy"],
  ["GET", "/v2/escalation_paths", "escalation_paths.view"],
  ["GET", "/v2/escalation_paths/{id}", "escalation_paths.view"],
  ["POST", "/v2/escalation_paths", "escalation_paths.create"],
  ["PUT", "/v2/escalation_paths/{id}", "escalation_paths.update"],
  ["DELETE", "/v2/escalation_paths/{id}", "escalation_paths.destroy"],
  ["GET", "/v2/escalations", "escalations.view"],
  ["GET", "/v2/escalations/{id}", "escalations.view"],
  ["POST", "/v2/escalations", "escalations.create"],
  ["POST", "/v2/escalations/{id}/actions/cancel", "escalations.cancel"],
];

const compiled = OPERATION_SCOPES.map(([method, template, scope]) => ({
  method,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  scope,
}));

/** The scope an operation needs, or undefined when the description names none (or we do not know it). */
export function scopeForOperation(method: string, path: string): string | undefined {
  const bare = path.split("?")[0] ?? path;
  return compiled.find((entry) => entry.method === method.toUpperCase() && entry.pattern.test(bare))?.scope;
}

/** The API key role that usually carries a scope (`global_access` carries them all). */
export function roleForScope(scope: string): string {
  if (scope === "incidents.create") return "incident_creator";
  if (scope.startsWith("incidents.update_") || scope.startsWith("incident_calls.")) return "incident_editor";
  if (scope.startsWith("incident_memberships.")) return "incident_memberships_editor";
  // Actions and follow-ups are edited as part of an incident.
  if (/^(actions|follow_ups)\.(create|update|destroy|connect_external_issue)$/.test(scope))
    return "incident_editor";
  if (scope === "organisation_settings.update" || scope === "incident_lifecycles.update")
    return "manage_settings";
  if (scope.startsWith("catalog_") && scope.endsWith(".view")) return "catalog_viewer";
  if (scope.startsWith("catalog_")) return "catalog_editor";
  if (scope.startsWith("schedule_overrides.")) return "schedule_overrides_editor";
  if (scope.startsWith("schedules."))
    return scope.endsWith(".view") ? "schedules_reader" : "schedules_editor";
  if (scope.startsWith("workflows."))
    return scope.endsWith(".view") ? "workflows_viewer" : "workflows_editor";
  if (scope.startsWith("api_keys.")) return "api_keys_manage";
  if (scope.startsWith("secrets.")) return "secrets_manage";
  if (scope === "status_pages.publish_updates") return "status_page_publisher";
  if (scope === "security_settings.update") return "security_settings_editor";
  if (scope.startsWith("escalations.") && !scope.endsWith(".view")) return "escalation_creator";
  if (scope.startsWith("escalation_paths.") && !scope.endsWith(".view")) return "on_call_editor";
  if (scope === "attachments.create" || scope === "attachments.destroy") return "incident_editor";
  if (scope === "in_app_postmortems.copy_as_markdown") return "viewer";
  if (scope.startsWith("in_app_postmortems.") || scope === "external_postmortems.create")
    return "postmortems_manage";
  if (scope.endsWith(".view")) return "viewer";
  return "global_access";
}
