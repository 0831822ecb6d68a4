import { IncidentKitError, type IncidentKitErrorOptions } from "../shared/errors.js";

// The family lives in shared/ so that every layer can extend it; the client's public API keeps these names.
export { ConfigError, IncidentKitError, type IncidentKitErrorOptions } from "../shared/errors.js";

/** A field-level problem reported by incident.io (`errors[]` in its error body). */
export interface FieldError {
  code: string;
  message: string;
  /** The request field at fault (`source.field`), when incident.io names one. */
  field?: string;
}

/** The `rate_limit` object of a 429 body, as parsed: a property may be there and undefined. */
export interface RateLimitInfo {
  name?: string | undefined;
  limit?: number | undefined;
  remaining?: number | undefined;
  /** RFC 3339: when the limit lets requests through again. */
  retry_after?: string | undefined;
}

export type ApiErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "validation_failed"
  | "rate_limited"
  | "server_error"
  | "not_implemented"
  | "invalid_request"
  | "conflict"
  | "client_error";

export interface IncidentIoApiErrorOptions extends IncidentKitErrorOptions {
  status: number;
  type?: string;
  requestId?: string;
  fieldErrors?: FieldError[];
  rateLimit?: RateLimitInfo;
  method: string;
  url: string;
  /** For 403: the scope the key lacks, when known. */
  requiredScope?: string;
  /** For 429: milliseconds until incident.io says a retry can succeed, when it said. */
  retryAfterMs?: number;
}

/** incident.io answered with an error status. */
export class IncidentIoApiError extends IncidentKitError {
  readonly status: number;
  readonly type: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly rateLimit: RateLimitInfo | undefined;
  readonly method: string;
  readonly url: string;
  readonly requiredScope: string | undefined;

  constructor(options: IncidentIoApiErrorOptions) {
    super(options);
    this.name = "IncidentIoApiError";
    this.status = options.status;
    this.type = options.type;
    this.requestId = options.requestId;
    this.fieldErrors = options.fieldErrors ?? [];
    this.rateLimit = options.rateLimit;
    this.method = options.method;
    this.url = options.url;
    this.requiredScope = options.requiredScope;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      type: this.type,
      request_id: this.requestId,
      field_errors: this.fieldErrors,
      rate_limit: this.rateLimit,
      required_scope: this.requiredScope,
    };
  }
}

/** The request never got an answer: a timeout, a refused connection, a reset. */
export class IncidentIoTransportError extends IncidentKitError {
  readonly method: string;
  readonly url: string;

  constructor(options: IncidentKitErrorOptions & { method: string; url: string }) {
    super(options);
    this.name = "IncidentIoTransportError";
    this.method = options.method;
    this.url = options.url;
  }
}

/** incident.io answered 2xx with a body that does not have the shape we rely on. */
export class InvalidResponseError extends IncidentKitError {
  /** Where in the body the problem is, e.g. `incidents[3].incident_status.category`. */
  readonly path: string;
  readonly requestId: string | undefined;

  constructor(options: { message: string; path: string; requestId?: string; cause?: unknown }) {
    super({
      code: "invalid_response",
      message: options.message,
      hint: "incident.io sent a response incidentkit cannot read; upgrade incidentkit, or report it with the request_id",
      cause: options.cause,
    });
    this.name = "InvalidResponseError";
    this.path = options.path;
    this.requestId = options.requestId;
  }
}

/**
 * incident.io's rate limit for the key lets the next request through only later than this client may wait (its
 * `maxPauseWaitMs`): the call fails at once rather than hang, saying when to try again.
 */
export class RateLimitWaitError extends IncidentKitError {
  declare readonly retryAfterMs: number;

  constructor(retryAfterMs: number, maxWaitMs: number) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    super({
      code: "rate_limited",
      message: `incident.io's rate limit for this API key lets the next request through in ${seconds} s, longer than this call may wait (${Math.round(maxWaitMs / 1000)} s)`,
      hint: `try again in ${seconds} s; the limit is per API key, shared by everything using it`,
      retryable: true,
      retryAfterMs,
    });
    this.name = "RateLimitWaitError";
  }
}
