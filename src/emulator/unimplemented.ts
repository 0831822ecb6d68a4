import type { Context } from "hono";
import { ApiError } from "./errors.js";

/**
 * The operations incident.io's API has (reference/api.md §8, plus POST /v2/incident_updates from §11), by path
 * template. Requests for one the emulator does not implement answer 501; anything else is not an incident.io
 * operation and answers 404, as the live API would.
 */
export const API_OPERATIONS: Readonly<Record<string, string>> = {
  "/v1/actions": "GET",
  "/v1/actions/{id}": "GET",
  "/v1/alert_notes": "GET POST",
  "/v1/alert_notes/{id}": "DELETE GET PUT",
  "/v1/api_keys": "GET POST",
  "/v1/api_keys/{id}": "DELETE GET PUT",
  "/v1/api_keys/{id}/actions/rotate": "POST",
  "/v1/custom_field_options": "GET POST",
  "/v1/custom_field_options/{id}": "DELETE GET PUT",
  "/v1/custom_fields": "GET POST",
  "/v1/custom_fields/{id}": "DELETE GET PUT",
  "/v1/identity": "GET",
  "/v1/incident_attachments": "GET POST",
  "/v1/incident_attachments/{id}": "DELETE",
  "/v1/incident_memberships": "POST",
  "/v1/incident_memberships/actions/revoke": "POST",
  "/v1/incident_relationships": "GET",
  "/v1/incident_roles": "GET POST",
  "/v1/incident_roles/{id}": "DELETE GET PUT",
  "/v1/incident_statuses": "GET POST",
  "/v1/incident_statuses/{id}": "DELETE GET PUT",
  "/v1/incident_types": "GET",
  "/v1/incident_types/{id}": "GET",
  "/v1/incidents": "GET POST",
  "/v1/incidents/{id}": "GET",
  "/v1/ip_allowlists": "GET PUT",
  "/v1/maintenance_windows": "GET POST",
  "/v1/maintenance_windows/{id}": "DELETE GET PUT",
  "/v1/openapiV3.json": "GET",
  "/v1/postmortem_documents": "GET",
  "/v1/postmortem_documents/actions/attach": "POST",
  "/v1/postmortem_documents/{id}": "GET PUT",
  "/v1/postmortem_documents/{id}/content": "GET",
  "/v1/severities": "GET POST",
  "/v1/severities/{id}": "DELETE GET PUT",
  "/v1/status-pages/{id}/incidents/{incident_id}/response-incidents": "GET",
  "/v2/actions": "GET POST",
  "/v2/actions/{id}": "DELETE GET PUT",
  "/v2/alert_attributes": "GET POST",
  "/v2/alert_attributes/{id}": "DELETE GET PUT",
  "/v2/alert_events/http/{alert_source_config_id}": "POST",
  "/v2/alert_routes": "GET POST",
  "/v2/alert_routes/{id}": "DELETE GET PUT",
  "/v2/alert_sources": "GET POST",
  "/v2/alert_sources/actions/validate": "POST",
  "/v2/alert_sources/{id}": "DELETE GET PUT",
  "/v2/alerts": "GET",
  "/v2/alerts/{id}": "GET",
  "/v2/alerts/{id}/actions/resolve": "POST",
  "/v2/call_sessions": "GET",
  "/v2/call_transcript_entries": "GET",
  "/v2/catalog_entries": "GET POST",
  "/v2/catalog_entries/{id}": "DELETE GET PUT",
  "/v2/catalog_resources": "GET",
  "/v2/catalog_types": "GET POST",
  "/v2/catalog_types/{id}": "DELETE GET PUT",
  "/v2/catalog_types/{id}/actions/update_schema": "POST",
  "/v2/custom_fields": "GET POST",
  "/v2/custom_fields/{id}": "DELETE GET PUT",
  "/v2/escalation_paths": "GET POST",
  "/v2/escalation_paths/{id}": "DELETE GET PUT",
  "/v2/escalations": "GET POST",
  "/v2/escalations/{id}": "GET",
  "/v2/escalations/{id}/actions/cancel": "POST",
  "/v2/follow_ups": "GET POST",
  "/v2/follow_ups/{id}": "DELETE GET PUT",
  "/v2/follow_ups/{id}/actions/connect_external_issue": "POST",
  "/v2/heartbeat/{alert_source_config_id}/ping": "GET POST",
  "/v2/incident_alerts": "GET",
  "/v2/incident_participant_workloads": "GET",
  "/v2/incident_participants": "GET",
  "/v2/incident_roles": "GET POST",
  "/v2/incident_roles/{id}": "DELETE GET PUT",
  "/v2/incident_timestamps": "GET",
  "/v2/incident_timestamps/{id}": "GET",
  "/v2/incident_updates": "GET POST",
  "/v2/incidents": "GET POST",
  "/v2/incidents/{id}": "GET",
  "/v2/incidents/{id}/actions/edit": "POST",
  "/v2/incidents/{id}/actions/import_postmortem_document": "POST",
  "/v2/schedule_entries": "GET",
  "/v2/schedule_overrides": "GET POST",
  "/v2/schedule_overrides/{id}": "DELETE PUT",
  "/v2/schedule_sync_targets": "GET POST",
  "/v2/schedule_sync_targets/{id}": "DELETE GET PUT",
  "/v2/schedules": "GET POST",
  "/v2/schedules/{id}": "DELETE GET PUT",
  "/v2/schedules/{id}/actions/preview_entries": "POST",
  "/v2/schedules/{schedule_id}/replicas": "GET POST",
  "/v2/schedules/{schedule_id}/replicas/{id}": "DELETE GET",
  "/v2/schedules/{schedule_id}/sync_rules": "GET POST",
  "/v2/schedules/{schedule_id}/sync_rules/{id}": "DELETE GET PUT",
  "/v2/secrets": "GET POST",
  "/v2/secrets/{id}": "DELETE GET PUT",
  "/v2/secrets/{id}/actions/rotate": "POST",
  "/v2/status_page_incident_updates": "POST",
  "/v2/status_page_incidents": "GET POST",
  "/v2/status_page_incidents/{status_page_incident_id}": "GET PUT",
  "/v2/status_page_maintenance_updates": "POST",
  "/v2/status_page_maintenances": "GET POST",
  "/v2/status_page_maintenances/{status_page_maintenance_id}": "GET",
  "/v2/status_page_retrospective_incidents": "POST",
  "/v2/status_page_structures/{status_page_id}": "GET",
  "/v2/status_pages": "GET",
  "/v2/telemetry/data_sources/{id}": "PUT",
  "/v2/users": "GET",
  "/v2/users/{id}": "GET",
  "/v2/users/{user_id}/notification_methods": "GET",
  "/v2/users/{user_id}/notification_rules": "GET",
  "/v2/users/{user_id}/paging_provider": "GET POST",
  "/v2/workflow_runs": "GET",
  "/v2/workflow_runs/{id}": "GET",
  "/v2/workflows": "GET POST",
  "/v2/workflows/{id}": "DELETE GET PUT",
  "/v3/alert_routes": "GET POST",
  "/v3/alert_routes/{id}": "DELETE GET PUT",
  "/v3/catalog_entries": "GET POST",
  "/v3/catalog_entries/actions/bulk_update": "POST",
  "/v3/catalog_entries/{id}": "DELETE GET PUT",
  "/v3/catalog_resources": "GET",
  "/v3/catalog_types": "GET POST",
  "/v3/catalog_types/{id}": "DELETE GET PUT",
  "/v3/catalog_types/{id}/actions/update_schema": "POST",
  "/v3/teams": "GET",
  "/v3/teams/{id}": "GET",
};

const TEMPLATES = Object.entries(API_OPERATIONS).map(([template, methods]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  methods: new Set(methods.split(" ")),
}));

/** The path template of the incident.io operation `METHOD path` belongs to, or undefined when there is none. */
export function apiOperation(method: string, path: string): string | undefined {
  const upper = method.toUpperCase();
  return TEMPLATES.find((t) => t.methods.has(upper) && t.pattern.test(path))?.template;
}

/**
 * incident.io operations the emulator does not implement answer 501 naming the operation, never a fake
 * success, so a client relying on one finds out at once. Other paths answer 404.
 */
export function notImplemented(c: Context): never {
  const method = c.req.method.toUpperCase();
  const template = apiOperation(method, c.req.path);
  if (!template) {
    throw new ApiError(404, "not_found", [
      { code: "not_found", message: `${method} ${c.req.path} is not an operation of incident.io's API.` },
    ]);
  }
  throw new ApiError(501, "api_error", [
    {
      code: "not_implemented",
      message: `The incidentkit emulator does not implement ${method} ${template}.`,
    },
  ]);
}
