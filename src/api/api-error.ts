import { type ApiErrorCode, type FieldError, IncidentIoApiError, type RateLimitInfo } from "./errors.js";
import { redact } from "./redact.js";
import { roleForScope, scopeForOperation } from "./scopes.js";
import { ErrorResponse } from "./types/error-body.js";

export interface ApiErrorInput {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  requestIdHeader?: string | null;
  method: string;
  /** The full URL, query included. */
  url: string;
  /** The API path (no base URL, no query), to look up the operation's scope. */
  path: string;
  /** Milliseconds until a retry can succeed, when the server said (429). */
  retryAfterMs?: number;
  /** Secrets to remove from everything the error carries. */
  secrets: readonly string[];
}

const API_KEYS_PAGE = "https://app.incident.io/settings/api-keys";

function codeFor(status: number): ApiErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 422) return "validation_failed";
  if (status === 429) return "rate_limited";
  if (status === 400) return "invalid_request";
  if (status === 409) return "conflict";
  // The server does not do this operation at all: not a passing fault, so not worth a retry.
  if (status === 501) return "not_implemented";
  if (status >= 500) return "server_error";
  return "client_error";
}

function requiredScopeFrom(body: ErrorResponse | undefined): string | undefined {
  for (const error of body?.errors ?? []) {
    const scope = error.metadata?.required_scope;
    if (typeof scope === "string" && scope !== "") return scope;
  }
  return undefined;
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)}s`;
}

/** The error code the incidentkit emulator gives an incident.io operation it does not implement. */
const EMULATOR_NOT_IMPLEMENTED = "not_implemented";

/** A 501, naming the operation: the emulator's (its body says so) or the API's, neither of which a retry changes. */
function notImplementedHint(body: ErrorResponse | undefined, method: string, path: string): string {
  const operation = `${method.toUpperCase()} ${path}`;
  return body?.errors?.some((error) => error.code === EMULATOR_NOT_IMPLEMENTED)
    ? `this operation is not implemented by the incidentkit emulator: ${operation}; retrying will not help, run it against an incident.io account instead`
    : `this operation is not implemented by the API: ${operation}; retrying will not help, check it in incident.io's API reference`;
}

function hintFor(code: ApiErrorCode, scope: string | undefined, retryAfterMs: number | undefined): string {
  switch (code) {
    case "unauthorized":
      return `the API key is invalid or revoked: create a new key at ${API_KEYS_PAGE}`;
    case "forbidden":
      return scope
        ? `the API key lacks the \`${scope}\` scope: create a key with the \`${roleForScope(scope)}\` role (or \`global_access\`) at ${API_KEYS_PAGE}`
        : `the API key lacks a scope this operation needs: check its roles at ${API_KEYS_PAGE}`;
    case "not_found":
      return "check the ID (incidents also accept the number of their reference, e.g. 123 for INC-123) and that the key can see it";
    case "validation_failed":
      return "fix the field(s) named above and send the request again";
    case "rate_limited":
      return retryAfterMs !== undefined
        ? `incident.io is rate limiting this API key: retry in ${seconds(retryAfterMs)}, or send fewer requests`
        : "incident.io is rate limiting this API key: wait a little and send fewer requests";
    case "server_error":
      return "incident.io had a problem; retry later, and report the request_id if it persists";
    case "invalid_request":
      return "the request was malformed; check the parameters";
    case "conflict":
      return "the resource changed at the same time; fetch it again and retry";
    default:
      return "check the request against incident.io's API reference";
  }
}

const ALERT_EVENTS_PATH = /^\/v2\/alert_events\//;

/** Alert events authenticate with their alert source's secret, so the usual API-key hints would mislead. */
function alertEventHint(code: ApiErrorCode, path: string): string | undefined {
  if (!ALERT_EVENTS_PATH.test(path)) return undefined;
  if (code === "unauthorized") {
    return "the alert source refused its token: copy the alert source's secret token again (incident.io alert source settings, or secret_token from GET /v2/alert_sources/{id})";
  }
  if (code === "not_found") {
    return "no alert source has this ID: copy the alert source config ID from its alert events URL (…/v2/alert_events/http/<ID>)";
  }
  return undefined;
}

function describe(fieldErrors: FieldError[]): string {
  return fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
}

/** The typed error for an incident.io error answer, with a message that names the request and its request_id. */
export function apiErrorFromResponse(input: ApiErrorInput): IncidentIoApiError {
  const parsed = ErrorResponse.safeParse(input.body);
  const body = parsed.success ? parsed.data : undefined;
  const code = codeFor(input.status);
  const requestId = body?.request_id ?? input.requestIdHeader ?? undefined;
  const clean = (text: string) => redact(text, input.secrets);
  const fieldErrors: FieldError[] = (body?.errors ?? []).map((e) => {
    const field = e.source?.field ?? e.source?.pointer;
    return { code: e.code, message: clean(e.message), ...(field ? { field } : {}) };
  });
  const scope =
    code === "forbidden"
      ? (requiredScopeFrom(body) ?? scopeForOperation(input.method, input.path))
      : undefined;
  const rateLimit: RateLimitInfo | undefined = body?.rate_limit;

  let detail = describe(fieldErrors);
  if (!detail && typeof input.body === "string" && input.body.trim() !== "")
    detail = input.body.trim().slice(0, 200);
  const parts = [`incident.io answered ${input.status} (${code}) to ${input.method} ${input.url}`];
  if (code === "forbidden" && scope) parts.push(`missing scope \`${scope}\``);
  if (detail) parts.push(detail);
  if (code === "rate_limited" && input.retryAfterMs !== undefined)
    parts.push(`retry in ${seconds(input.retryAfterMs)}`);
  let message = parts.join(": ");
  if (requestId) message += ` (request_id ${requestId})`;

  return new IncidentIoApiError({
    code,
    message: clean(message),
    hint:
      code === "not_implemented"
        ? notImplementedHint(body, input.method, input.path)
        : (alertEventHint(code, input.path) ?? hintFor(code, scope, input.retryAfterMs)),
    retryable: code === "rate_limited" || code === "server_error",
    status: input.status,
    ...(body?.type !== undefined ? { type: body.type } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    fieldErrors,
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    method: input.method,
    url: clean(input.url),
    ...(scope !== undefined ? { requiredScope: scope } : {}),
    ...(input.retryAfterMs !== undefined ? { retryAfterMs: input.retryAfterMs } : {}),
  });
}
