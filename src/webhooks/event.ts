/** What the hub does with a delivery: the incident it is about, and the incident itself when it was sent. */
export interface IncidentWebhookEvent {
  /** The account whose endpoint secret signed the delivery. */
  account: string;
  eventType: string;
  /** The incident the event is about: re-fetch it, as events may arrive out of order. */
  incidentId: string;
  /** The incident as sent (WebhookIncidentV2 or IncidentV2); absent for private incidents, which carry an ID only. */
  incident?: Record<string, unknown>;
  webhookId: string;
}

/** A parsed envelope: an incident event, or another event type the hub records but has no use for. */
export type ParsedEnvelope =
  | { kind: "incident"; eventType: string; incidentId: string; incident?: Record<string, unknown> }
  | { kind: "other"; eventType: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Event types about an incident as a whole, public and private. */
const INCIDENT_EVENT = /^(public|private)_incident\.incident_(created|updated|status_updated)_v\d+$/;

/**
 * Reads `{ "event_type": …, "<event_type>": { … } }`. Throws with a short reason when the body is not such an
 * envelope, or an incident event names no incident.
 */
export function parseEnvelope(rawBody: string): ParsedEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new Error("the body is not JSON");
  }
  if (!isObject(body) || typeof body.event_type !== "string" || body.event_type === "") {
    throw new Error("the body has no event_type");
  }
  const eventType = body.event_type;
  const payload = body[eventType];
  if (!isObject(payload)) throw new Error(`the body has no "${eventType}" object`);
  if (!INCIDENT_EVENT.test(eventType)) return { kind: "other", eventType };
  const incident = eventType.startsWith("public_") ? publicIncident(eventType, payload) : undefined;
  const incidentId = incident ? incident.id : payload.id;
  if (typeof incidentId !== "string" || incidentId === "") {
    throw new Error(`the "${eventType}" object has no incident ID`);
  }
  return { kind: "incident", eventType, incidentId, ...(incident ? { incident } : {}) };
}

/** The public incident: the payload itself, or its `incident` for status changes (IncidentWithStatusChangeV2). */
function publicIncident(eventType: string, payload: Record<string, unknown>): Record<string, unknown> {
  const incident = eventType.includes("status_updated") ? payload.incident : payload;
  if (!isObject(incident)) throw new Error(`the "${eventType}" object has no incident`);
  return incident;
}
