import {
  type CustomFieldValue,
  type Incident,
  type IncidentAttachment,
  IncidentKitError,
  type IncidentUpdate,
  type PostmortemDocument,
  type User,
} from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { type RelatedIncident, relatedTo } from "./related.js";
import type { OpsSession } from "./session.js";

/** How many attachments and related incidents the context carries: enough to see, never a flood. */
export const CONTEXT_ATTACHMENTS = 20;
export const CONTEXT_RELATED = 10;

/** Everything an investigation starts from, in one call. */
export interface IncidentContext {
  incident: Incident;
  /** Oldest first, every page. */
  updates: IncidentUpdate[];
  /** Display values. */
  customFields: { name: string; values: string[] }[];
  /** Role name, and who holds it. */
  roles: { role: string; assignee?: string }[];
  timestamps: { name: string; value?: string }[];
  permalink?: string;
  /** The first `CONTEXT_ATTACHMENTS` attachments; `attachmentCount` says how many there are. */
  attachments: IncidentAttachment[];
  attachmentCount: number;
  /** The first `CONTEXT_RELATED` related incidents; `relatedMore` is true when there are more. */
  related: RelatedIncident[];
  relatedMore: boolean;
  /** The newest post-mortem: what it is and where to read it (its content is a call of its own). */
  postmortem?: { id: string; title: string; status: string; type: string; url: string };
  /** Parts left out because the key may not read them (e.g. "attachments"). */
  unavailable: string[];
}

/** How a custom field value reads in the product. */
export function displayValue(value: CustomFieldValue): string | undefined {
  return (
    value.value_option?.value ??
    value.value_catalog_entry?.name ??
    value.value_text ??
    value.value_numeric ??
    value.value_link ??
    (typeof value.value_timestamp === "string" ? value.value_timestamp : undefined)
  );
}

/** A user as people read them: `Name <email>`, or the name alone. */
export function describeUser(user: User): string {
  return user.email ? `${user.name} <${user.email}>` : user.name;
}

function oldestFirst(updates: IncidentUpdate[]): IncidentUpdate[] {
  return updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => a.update.created_at.localeCompare(b.update.created_at) || b.index - a.index)
    .map(({ update }) => update);
}

/** A part of the context the key may not be allowed to read: left out (and named) rather than failing the whole. */
async function part<T>(name: string, unavailable: string[], read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (
      error instanceof IncidentKitError &&
      (error.code === "forbidden" || error.code === "not_implemented")
    ) {
      unavailable.push(name);
      return undefined;
    }
    throw error;
  }
}

function postmortemLink(document: PostmortemDocument | undefined): IncidentContext["postmortem"] {
  if (!document) return undefined;
  const { id, title, status, type, document_url: url } = document;
  return { id, title, status, type, url };
}

/**
 * The incident with all its updates (oldest first), custom fields, roles and timestamps, the first attachments and
 * related incidents, and its newest post-mortem's link.
 */
export async function incidentContext(s: OpsSession, ref: string): Promise<IncidentContext> {
  const incident = await fetchIncident(s, ref);
  const unavailable: string[] = [];
  const readUpdates = async () => {
    const updates: IncidentUpdate[] = [];
    for await (const update of s.io.incidentUpdates.list({ incidentId: incident.id })) updates.push(update);
    return updates;
  };
  const [updates, attachments, related, postmortems] = await Promise.all([
    readUpdates(),
    part("attachments", unavailable, () => s.io.incidentAttachments.list({ incidentId: incident.id })),
    part("related incidents", unavailable, () => relatedTo(s, incident.id, { limit: CONTEXT_RELATED + 1 })),
    part("post-mortem", unavailable, () =>
      s.io.postmortemDocuments.listPage({ incidentId: incident.id }, { pageSize: 1 }),
    ),
  ]);
  const postmortem = postmortemLink(postmortems?.postmortemDocuments[0]);
  return {
    incident,
    updates: oldestFirst(updates),
    customFields: incident.custom_field_entries.map((entry) => ({
      name: entry.custom_field.name,
      values: entry.values.map(displayValue).filter((value): value is string => value !== undefined),
    })),
    roles: incident.incident_role_assignments.map((assignment) => ({
      role: assignment.role.name,
      ...(assignment.assignee ? { assignee: describeUser(assignment.assignee) } : {}),
    })),
    timestamps: (incident.incident_timestamp_values ?? [])
      .slice()
      .sort((a, b) => a.incident_timestamp.rank - b.incident_timestamp.rank)
      .map((entry) => ({
        name: entry.incident_timestamp.name,
        ...(entry.value?.value !== undefined ? { value: entry.value.value } : {}),
      })),
    ...(incident.permalink !== undefined ? { permalink: incident.permalink } : {}),
    attachments: (attachments ?? []).slice(0, CONTEXT_ATTACHMENTS),
    attachmentCount: attachments?.length ?? 0,
    related: (related?.related ?? []).slice(0, CONTEXT_RELATED),
    relatedMore: (related?.related.length ?? 0) > CONTEXT_RELATED || related?.nextCursor !== undefined,
    ...(postmortem ? { postmortem } : {}),
    unavailable,
  };
}
