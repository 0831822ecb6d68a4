import { z } from "zod";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import type { IncidentRecord } from "./model.js";
import {
  DOCUMENT_PROVIDERS,
  POSTMORTEM_STATUSES,
  type PostmortemDocumentRecord,
} from "./model-postmortems.js";
import { renderUser } from "./render.js";
import type { EmulatorState } from "./state.js";

/** `PostmortemDocumentsAttachPayloadV1`. */
export const attachPostmortemPayload = z.object({
  incident_id: z.string(),
  permalink: z.string(),
  document_provider: z.enum(DOCUMENT_PROVIDERS).optional(),
});
export type AttachPostmortemPayload = z.infer<typeof attachPostmortemPayload>;

/** `PostmortemDocumentsUpdateStatusPayloadV1`. */
export const updatePostmortemStatusPayload = z.object({ status: z.enum(POSTMORTEM_STATUSES) });

/** The title incident.io gives an incident's post-mortem: its reference and name. */
export function postmortemTitle(incident: Pick<IncidentRecord, "number" | "name">): string {
  return `INC-${incident.number}: ${incident.name}`;
}

/**
 * Links an external document to an incident: a new record, or the incident's external one with the new link
 * ("re-attaching the same incident with a new permalink updates the existing link"). Refused with a 422 naming the
 * field when the link is no http(s) address or the incident already has an in-app post-mortem.
 */
export function attachExternalPostmortem(
  state: EmulatorState,
  incident: IncidentRecord,
  input: AttachPostmortemPayload,
  now: number,
): PostmortemDocumentRecord {
  const permalink = input.permalink.trim();
  if (!isHttpLink(permalink)) {
    throw validationError(
      "permalink",
      "permalink must be the http(s) address of the document, e.g. https://www.notion.so/INC-123-database-is-sad.",
    );
  }
  const existing = state.list("postmortem_documents").filter((doc) => doc.incident_id === incident.id);
  const inApp = existing.find((doc) => doc.type === "in_app");
  if (inApp) {
    throw validationError(
      "incident_id",
      `INC-${incident.number} already has a post-mortem written in incident.io (${inApp.id}); an external document cannot be attached alongside it.`,
    );
  }
  const at = new Date(now).toISOString();
  const provider = input.document_provider ? { document_provider: input.document_provider } : {};
  const external = existing.find((doc) => doc.type === "external");
  if (external) {
    const { document_provider: _previous, ...rest } = external;
    return { ...rest, ...provider, permalink, updated_at: at };
  }
  return {
    id: newId(now),
    incident_id: incident.id,
    type: "external",
    title: postmortemTitle(incident),
    status: "in_progress",
    editor_user_ids: [],
    exported_urls: [],
    permalink,
    ...provider,
    created_at: at,
    updated_at: at,
  };
}

function isHttpLink(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** `PostmortemDocumentV1`. */
export function renderPostmortem(state: EmulatorState, doc: PostmortemDocumentRecord) {
  const incident = state.get("incidents", doc.incident_id);
  const dashboard = `https://app.incident.io/${state.organisation.slug}/incidents/${incident?.number ?? doc.incident_id}/post-mortems/${doc.id}`;
  return {
    id: doc.id,
    incident_id: doc.incident_id,
    title: doc.title,
    status: doc.status,
    type: doc.type,
    document_url: doc.type === "external" && doc.permalink ? doc.permalink : dashboard,
    exported_urls: [...doc.exported_urls],
    editors: doc.editor_user_ids.flatMap((id) => {
      const user = state.get("users", id);
      return user ? [renderUser(user)] : [];
    }),
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}
