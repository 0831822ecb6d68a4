import {
  ATTACHABLE_RESOURCE_TYPES,
  type AttachableResourceType,
  type Incident,
  type IncidentAttachment,
} from "../api/index.js";
import { isHttpUrl } from "../shared/http-url.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import type { OpsSession } from "./session.js";

/** An incident's attachments: pull requests, dashboards, alerts and links from other systems. */
export async function listAttachments(
  s: OpsSession,
  ref: string,
): Promise<{ incident: Incident; attachments: IncidentAttachment[] }> {
  const incident = await fetchIncident(s, ref);
  return { incident, attachments: await s.io.incidentAttachments.list({ incidentId: incident.id }) };
}

export interface AttachInput {
  /** The resource's link. */
  url: string;
  /** The system it lives in; default `arbitrary_url`, a plain link. */
  type?: string | undefined;
  /** Shown instead of the link (plain links only). */
  title?: string | undefined;
}

/** What an attach did: `created` is false when the resource was attached already, and nothing was written. */
export interface Attached {
  incident: Incident;
  attachment: IncidentAttachment;
  created: boolean;
}

function resourceType(raw: string | undefined): AttachableResourceType {
  const wanted = (raw ?? "arbitrary_url").trim().toLowerCase();
  const found = ATTACHABLE_RESOURCE_TYPES.find((type) => type === wanted);
  if (found) return found;
  throw invalidArgument(
    `unknown resource type ${JSON.stringify(raw)}`,
    `use one of: ${ATTACHABLE_RESOURCE_TYPES.join(", ")} (arbitrary_url for any link)`,
  );
}

function httpLink(raw: string): string {
  const text = raw.trim();
  if (isHttpUrl(text)) return new URL(text).href;
  throw invalidArgument(
    `${JSON.stringify(text.slice(0, 120))} is not an http(s) link`,
    "give the resource's full link, e.g. https://github.com/acme/api/pull/42",
  );
}

/** Whether `attachment` is the resource this link names: its link, or (for plain links) its ID, which is the link. */
function isResource(attachment: IncidentAttachment, type: string, link: string): boolean {
  const { resource } = attachment;
  return resource.resource_type === type && (resource.permalink === link || resource.external_id === link);
}

/**
 * Attaches a resource to the incident by its link. incident.io has no idempotency key here and refuses a
 * duplicate, so the incident's attachments are read first: a resource already attached is returned as found.
 */
export async function attachToIncident(s: OpsSession, ref: string, input: AttachInput): Promise<Attached> {
  const type = resourceType(input.type);
  const link = httpLink(input.url);
  const title = input.title?.trim();
  if (title !== undefined && title !== "" && type !== "arbitrary_url") {
    throw invalidArgument(
      "a title is only kept for plain links",
      `leave the title out: incident.io names a ${type} itself, or attach it as arbitrary_url`,
    );
  }
  const { incident, attachments } = await listAttachments(s, ref);
  const existing = attachments.find((attachment) => isResource(attachment, type, link));
  if (existing) return { incident, attachment: existing, created: false };
  const attachment = await s.io.incidentAttachments.create({
    incident_id: incident.id,
    resource: { resource_type: type, url: link, ...(title ? { title } : {}) },
  });
  return { incident, attachment, created: true };
}

/** What a removal did: `attachment` is the one removed, absent when nothing matched (removed already). */
export interface Detached {
  incident: Incident;
  attachment?: IncidentAttachment;
  /** What the incident has attached afterwards. */
  remaining: IncidentAttachment[];
}

/** Removes an attachment from the incident, named by its ID, its link or its external ID. */
export async function removeAttachment(s: OpsSession, ref: string, which: string): Promise<Detached> {
  const wanted = which.trim();
  if (wanted === "") {
    throw invalidArgument(
      "no attachment given",
      "give the attachment's ID or link (incidents attachments list)",
    );
  }
  const { incident, attachments } = await listAttachments(s, ref);
  const attachment =
    attachments.find((a) => a.id === wanted) ??
    attachments.find((a) => a.resource.permalink === wanted || a.resource.external_id === wanted);
  if (!attachment) return { incident, remaining: attachments };
  await s.io.incidentAttachments.delete(attachment.id);
  return { incident, attachment, remaining: attachments.filter((a) => a.id !== attachment.id) };
}
