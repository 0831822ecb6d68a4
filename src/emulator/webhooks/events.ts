import type { IncidentRecord, IncidentUpdateRecord } from "../model.js";

/** The incident event types the emulator sends, as incident.io names them (the description's `x-webhooks`). */
export const INCIDENT_EVENT_TYPES = [
  "public_incident.incident_created_v2",
  "private_incident.incident_created_v2",
  "public_incident.incident_updated_v2",
  "private_incident.incident_updated_v2",
  "public_incident.incident_status_updated_v2",
] as const;

export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/** One committed change to an incident: `previous` is absent when it was created. */
export interface IncidentChange {
  previous?: IncidentRecord;
  next: IncidentRecord;
  /** Incident updates committed with the change (a status or severity move records one). */
  updates: readonly IncidentUpdateRecord[];
}

/** An event ready to send: its type, the incident it is about and the envelope `{event_type, <event_type>: …}`. */
export interface WebhookEvent {
  eventType: IncidentEventType;
  incidentId: string;
  body: Record<string, unknown>;
}

/** What building events needs from the emulator: its renderings and current records. */
export interface EventSources {
  /** The incident as the API renders it (IncidentV2). */
  renderIncident(incident: IncidentRecord): object;
  /** The status as the API renders it (IncidentStatusV2), if it exists. */
  renderStatus(id: string): object | undefined;
  /** The incident's updates, oldest first. */
  updatesOf(incidentId: string): readonly IncidentUpdateRecord[];
}

function envelope(eventType: IncidentEventType, incidentId: string, payload: object): WebhookEvent {
  return { eventType, incidentId, body: { event_type: eventType, [eventType]: payload } };
}

/** WebhookIncidentV2: IncidentV2 plus the message of the latest incident update that had one (sources are read
 * after the change is applied, so its own updates are among them). */
function webhookIncident(change: IncidentChange, sources: EventSources): object {
  const rendered = sources.renderIncident(change.next);
  const latest = sources
    .updatesOf(change.next.id)
    .findLast((update) => update.message !== undefined)?.message;
  return latest === undefined ? rendered : { ...rendered, most_recent_update_message: latest };
}

/**
 * The events incident.io sends for one change: created or updated, plus status_updated when the status moved.
 * Private incidents carry only their ID (`WebhookPrivateResourceV2`), and have no status_updated event.
 */
export function incidentEvents(change: IncidentChange, sources: EventSources): WebhookEvent[] {
  const { previous, next } = change;
  const id = next.id;
  const created = previous === undefined;
  if (next.visibility === "private") {
    const type = created ? "private_incident.incident_created_v2" : "private_incident.incident_updated_v2";
    return [envelope(type, id, { id })];
  }
  const type = created ? "public_incident.incident_created_v2" : "public_incident.incident_updated_v2";
  const events = [envelope(type, id, webhookIncident(change, sources))];
  if (previous && previous.incident_status_id !== next.incident_status_id) {
    const previousStatus = sources.renderStatus(previous.incident_status_id);
    const newStatus = sources.renderStatus(next.incident_status_id);
    if (previousStatus && newStatus) {
      const message = change.updates.find((update) => update.message !== undefined)?.message;
      events.push(
        envelope("public_incident.incident_status_updated_v2", id, {
          incident: sources.renderIncident(next),
          previous_status: previousStatus,
          new_status: newStatus,
          ...(message !== undefined ? { message } : {}),
        }),
      );
    }
  }
  return events;
}
