import { z } from "zod";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import { RESOURCE_KINDS } from "./external-resources.js";
import type { IncidentRecord } from "./model.js";
import {
  EXTERNAL_RESOURCE_TYPES,
  type IncidentAttachmentRecord,
  type IncidentRelationshipRecord,
} from "./model-attachments.js";
import type { EmulatorState } from "./state.js";

/** `IncidentAttachmentsCreatePayloadV1`. */
export const attachmentPayload = z.object({
  incident_id: z.string(),
  resource: z.object({
    resource_type: z.enum(EXTERNAL_RESOURCE_TYPES),
    external_id: z.string().optional(),
    url: z.string().optional(),
    title: z.string().optional(),
    // Accepted for arbitrary links; ExternalResourceV1 has no field to show it in, so it is not kept.
    emoji: z.string().optional(),
  }),
});
export type AttachmentPayload = z.infer<typeof attachmentPayload>;

const MAX_TITLE = 255;

/**
 * Validates an attachment fully and returns the record to store, refusing with a 422 that names the field. The
 * incident has been looked up (and checked visible) by the caller.
 */
export function newAttachment(
  state: EmulatorState,
  incident: IncidentRecord,
  input: AttachmentPayload,
  now: number,
): IncidentAttachmentRecord {
  const { resource } = input;
  const type = resource.resource_type;
  if (type === "scrubbed") {
    throw validationError(
      "resource.resource_type",
      "scrubbed is how incident.io shows a resource whose details were removed; it cannot be attached. Choose the resource's system, or arbitrary_url for a plain link.",
    );
  }
  const kind = RESOURCE_KINDS[type];
  const url = resource.url?.trim();
  const externalId = resource.external_id?.trim();
  if (url && externalId) {
    throw validationError(
      "resource",
      "Give either resource.external_id or resource.url, not both: the link already names the resource.",
    );
  }
  let id: string;
  let permalink: string;
  if (url) {
    const parsed = httpUrl(url);
    const found = parsed && kind.idFromUrl(parsed);
    if (!parsed || !found) {
      throw validationError(
        "resource.url",
        `resource.url is not a ${kind.label} link; expected one like ${kind.example}.`,
      );
    }
    id = found;
    permalink = parsed.href;
  } else if (externalId) {
    const link = kind.urlFromId(externalId, state.organisation.slug);
    if (!link) {
      throw validationError(
        "resource.external_id",
        kind.exampleId === undefined
          ? `A ${kind.label} is attached by its link: send resource.url instead of resource.external_id, e.g. ${kind.example}.`
          : `resource.external_id "${externalId}" is not the ID of a ${kind.label}; expected one like "${kind.exampleId}", or send its link as resource.url.`,
      );
    }
    id = externalId;
    permalink = link;
  } else {
    throw validationError(
      "resource",
      `resource needs external_id or url: the ${kind.label}'s ID, or its link (e.g. ${kind.example}).`,
      "is_required",
    );
  }
  for (const existing of state.values("incident_attachments")) {
    if (
      existing.incident_id === incident.id &&
      existing.resource_type === type &&
      existing.external_id === id
    ) {
      throw validationError(
        "resource",
        `This ${kind.label} is already attached to the incident (attachment ${existing.id}).`,
        "already_attached",
      );
    }
  }
  const title = resource.title?.trim();
  if (title && title.length > MAX_TITLE) {
    throw validationError("resource.title", `resource.title must be at most ${MAX_TITLE} characters.`);
  }
  return {
    id: newId(now),
    incident_id: incident.id,
    resource_type: type,
    external_id: id,
    permalink,
    title: title || (type === "arbitrary_url" ? permalink : `${kind.label} ${id}`),
    created_at: new Date(now).toISOString(),
  };
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `IncidentAttachmentV1`. */
export function renderAttachment(record: IncidentAttachmentRecord) {
  return {
    id: record.id,
    incident_id: record.incident_id,
    resource: {
      external_id: record.external_id,
      permalink: record.permalink,
      resource_type: record.resource_type,
      title: record.title,
    },
  };
}

/** The other incident of a relationship, from `incidentId`'s side. */
export function otherIncident(relationship: IncidentRelationshipRecord, incidentId: string): string {
  const [a, b] = relationship.incident_ids;
  return a === incidentId ? b : a;
}

/** `IncidentRelationshipV1`: the related incident, with its reference number as `external_id`. */
export function renderRelationship(relationship: IncidentRelationshipRecord, other: IncidentRecord) {
  return {
    id: relationship.id,
    incident: { id: other.id, name: other.name, external_id: other.number },
  };
}
