import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { type OpenEnum, openEnum } from "./open-enum.js";

const RESOURCE_TYPES = [
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

/** The system an attached resource lives in; `arbitrary_url` is a plain link, `scrubbed` one whose details were removed. */
export const ExternalResourceType = openEnum(RESOURCE_TYPES);
export type ExternalResourceType = OpenEnum<(typeof RESOURCE_TYPES)[number]>;

/** The systems a resource can be attached from: every type but `scrubbed`, which incident.io only ever shows. */
export const ATTACHABLE_RESOURCE_TYPES = RESOURCE_TYPES.filter((type) => type !== "scrubbed") as [
  Exclude<(typeof RESOURCE_TYPES)[number], "scrubbed">,
  ...Exclude<(typeof RESOURCE_TYPES)[number], "scrubbed">[],
];
export type AttachableResourceType = (typeof ATTACHABLE_RESOURCE_TYPES)[number];

/** `ExternalResourceV1`: a resource in another system, as incident.io shows it. */
export const ExternalResource = z.looseObject({
  resource_type: ExternalResourceType,
  external_id: z.string(),
  permalink: z.string(),
  title: z.string(),
});
export type ExternalResource = z.infer<typeof ExternalResource>;

/** `IncidentAttachmentV1`: one resource attached to one incident. */
export const IncidentAttachment = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  resource: ExternalResource,
});
export type IncidentAttachment = z.infer<typeof IncidentAttachment>;

/**
 * `IncidentAttachmentsCreatePayloadV1`: a resource by `external_id` or by `url`, never both. A `url` is resolved by
 * the system's integration; for a plain link use `arbitrary_url` with a `url`, and optionally a title and emoji.
 */
export interface IncidentAttachmentsCreatePayload {
  incident_id: string;
  resource: {
    resource_type: Exclude<(typeof RESOURCE_TYPES)[number], "scrubbed">;
    external_id?: string;
    url?: string;
    title?: string;
    emoji?: string;
  };
}

/** `IncidentRelationshipV1`: an incident related to the one asked about; `external_id` is its reference number. */
export const IncidentRelationship = z.looseObject({
  id: z.string(),
  incident: z.looseObject({ id: z.string(), name: z.string(), external_id: z.number() }),
});
export type IncidentRelationship = z.infer<typeof IncidentRelationship>;

export const IncidentAttachmentsListResult = z.looseObject({
  incident_attachments: z.array(IncidentAttachment),
});
export const IncidentAttachmentResult = z.looseObject({ incident_attachment: IncidentAttachment });
export const IncidentRelationshipsListResult = z.looseObject({
  incident_relationships: z.array(IncidentRelationship),
  pagination_meta: PaginationMeta.optional(),
});
