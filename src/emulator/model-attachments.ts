/**
 * Stored records for what hangs off an incident besides its fields: resources attached from other systems, and
 * links between related incidents.
 */

/** `ExternalResourceV1.resource_type`: the systems incident.io can attach a resource from. */
export const EXTERNAL_RESOURCE_TYPES = [
  "pager_duty_incident",
  "opsgenie_alert",
  "datadog_monitor_alert",
  "github_pull_request",
  "gitlab_merge_request",
  "sentry_issue",
  "jira_issue",
  "jsm_alert",
  "atlassian_statuspage_incident",
  "zendesk_ticket",
  "google_calendar_event",
  "outlook_calendar_event",
  "slack_file",
  "salesforce_case",
  "arbitrary_url",
  "scrubbed",
  "statuspage_incident",
] as const;
export type ExternalResourceType = (typeof EXTERNAL_RESOURCE_TYPES)[number];

/** One resource attached to one incident. */
export interface IncidentAttachmentRecord {
  id: string;
  incident_id: string;
  resource_type: ExternalResourceType;
  /** The resource's ID in its own system; for an arbitrary link, the link itself. */
  external_id: string;
  permalink: string;
  title: string;
  /** Only arbitrary links carry one (a Slack emoji name, e.g. "rocket"). */
  emoji?: string;
  created_at: string;
}

/**
 * Two incidents marked as related. The API lists a relationship from either side, showing the other incident, so
 * it is stored once with both IDs rather than once per direction.
 */
export interface IncidentRelationshipRecord {
  id: string;
  incident_ids: [string, string];
  created_at: string;
}
