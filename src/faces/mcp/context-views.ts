import { z } from "zod";
import type { IncidentAttachment, PostmortemDocument } from "../../api/index.js";
import type { RelatedIncident } from "../../ops/index.js";

/** The compact shapes of what hangs off an incident: attachments, related incidents, post-mortems. */

export const AttachmentView = z.object({
  id: z.string().describe("Pass to remove_incident_attachment"),
  resource_type: z
    .string()
    .describe("The system it is from, e.g. github_pull_request; arbitrary_url for a link"),
  title: z.string(),
  url: z.string(),
  external_id: z.string().describe("Its ID in its own system"),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export function attachmentView(attachment: IncidentAttachment): AttachmentView {
  const { resource } = attachment;
  return {
    id: attachment.id,
    resource_type: resource.resource_type,
    title: resource.title,
    url: resource.permalink,
    external_id: resource.external_id,
  };
}

export function attachmentLine(attachment: AttachmentView): string {
  return `${attachment.title} [${attachment.resource_type}] ${attachment.url} (id ${attachment.id})`;
}

export const RelatedView = z.object({
  reference: z.string().describe('e.g. "INC-123"'),
  id: z.string(),
  name: z.string(),
});

export function relatedView(related: RelatedIncident): z.infer<typeof RelatedView> {
  return { reference: related.reference, id: related.id, name: related.name };
}

export const PostmortemView = z.object({
  id: z.string().describe("Pass to get_postmortem as postmortem_id"),
  incident_id: z.string(),
  title: z.string(),
  status: z.string().describe("in_progress, in_review or completed"),
  type: z.string().describe("in_app (written in incident.io; its content is readable) or external"),
  url: z.string().describe("Where the document lives"),
  editors: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export function postmortemView(document: PostmortemDocument): z.infer<typeof PostmortemView> {
  return {
    id: document.id,
    incident_id: document.incident_id,
    title: document.title,
    status: document.status,
    type: document.type,
    url: document.document_url,
    editors: document.editors.map((editor) => editor.name),
    created_at: document.created_at,
    updated_at: document.updated_at,
  };
}
