import { IncidentIoApiError, IncidentIoTransportError, IncidentKitError } from "../api/index.js";
import type { OutboxKind } from "../store/index.js";

/** What one failed delivery attempt means, and what to do about it. */
export interface DeliveryFailure {
  /** `retry`: keep the entry pending and try again later; `failed`: retrying cannot help. */
  outcome: "retry" | "failed";
  /**
   * The API key is refused (401/403): only a person can fix it, and the entry waits, pending, on a long backoff,
   * so nothing is lost once the key is fixed. Such failures never use up the entry's attempts.
   */
  needsPerson: boolean;
  httpStatus?: number;
  errorCode: string;
  message: string;
  fix: string;
  /** incident.io's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

export const FIXES = {
  unauthorized:
    "the API key is invalid or revoked: create a new key in incident.io (Settings → API keys) and give it to the hub; delivery resumes on its own once the key works",
  rateLimited: "incident.io is rate limiting; delivery resumes automatically",
  serverError: "incident.io had a server error; delivery is retried automatically with backoff",
  unreachable:
    "incident.io could not be reached (timeout or network error); check the hub's network and base URL — delivery is retried automatically",
  notFound:
    "incident.io does not know the incident (deleted, or made by another account); close it by hand if it is still open",
  namedIncidentUnknown:
    "incident.io does not know the incident the alert names: correct the sender's incident_io_incident_id or incident_io_url",
  unexpected: "the hub met an unexpected error; delivery is retried with backoff — report it if it persists",
  noIncident:
    "the group's incident was never declared (its declare failed; see the delivery before this one), so there is nothing to close",
} as const;

function forbiddenFix(error: IncidentIoApiError): string {
  const scope = error.requiredScope === undefined ? "" : ` (it needs "${error.requiredScope}")`;
  return `the API key lacks the permission for this call${scope}: create a key that can create and edit incidents in incident.io (Settings → API keys) and give it to the hub; delivery resumes on its own once the key works`;
}

function validationFix(error: IncidentIoApiError): string {
  const fields = error.fieldErrors.map((field) => field.field ?? field.code).filter(Boolean);
  const named =
    fields.length > 0 ? `incident.io refused ${fields.join(", ")}` : "incident.io refused the request";
  return `${named}: ${error.hint}; correct the rule's incident fields, then replay the alert`;
}

function fromApiError(error: IncidentIoApiError, kind: OutboxKind): DeliveryFailure {
  const base = { httpStatus: error.status, errorCode: error.code, message: error.message };
  if (error.status === 401) return { ...base, outcome: "retry", needsPerson: true, fix: FIXES.unauthorized };
  if (error.status === 403) return { ...base, outcome: "retry", needsPerson: true, fix: forbiddenFix(error) };
  if (error.status === 429) {
    const wait = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
    return { ...base, outcome: "retry", needsPerson: false, fix: FIXES.rateLimited, ...wait };
  }
  if (error.status >= 500 || error.retryable) {
    return { ...base, outcome: "retry", needsPerson: false, fix: FIXES.serverError };
  }
  if (error.status === 422)
    return { ...base, outcome: "failed", needsPerson: false, fix: validationFix(error) };
  if (error.status === 404) {
    const fix = kind === "update" ? FIXES.namedIncidentUnknown : FIXES.notFound;
    return { ...base, outcome: "failed", needsPerson: false, fix };
  }
  return { ...base, outcome: "failed", needsPerson: false, fix: error.hint };
}

/** Classifies an error thrown while delivering an outbox entry of this kind. */
export function describeFailure(error: unknown, kind: OutboxKind = "declare"): DeliveryFailure {
  if (error instanceof IncidentIoApiError) return fromApiError(error, kind);
  if (error instanceof IncidentIoTransportError) {
    return {
      outcome: "retry",
      needsPerson: false,
      errorCode: error.code,
      message: error.message,
      fix: FIXES.unreachable,
    };
  }
  if (error instanceof IncidentKitError) {
    return {
      outcome: error.retryable ? "retry" : "failed",
      needsPerson: false,
      errorCode: error.code,
      message: error.message,
      fix: error.hint,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: "retry", needsPerson: false, errorCode: "unexpected", message, fix: FIXES.unexpected };
}
