/**
 * The error family of the whole project. Every error a user can see carries a stable `code`, a `hint` saying what
 * to do about it, and whether retrying can help. Later layers (ops, faces) extend `IncidentKitError`.
 */
export interface IncidentKitErrorOptions {
  code: string;
  message: string;
  hint: string;
  retryable?: boolean;
  cause?: unknown;
}

export class IncidentKitError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly retryable: boolean;

  constructor(options: IncidentKitErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "IncidentKitError";
    this.code = options.code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
  }

  /** A plain object for `--json` output and MCP tool errors. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
    };
  }
}

/** Settings that cannot work (a bad base URL, an unknown account, a malformed accounts file). */
export class ConfigError extends IncidentKitError {
  /** The setting at fault, e.g. `baseUrl`, `INCIDENT_IO_BASE_URL`, `accounts[1].alias`. */
  readonly setting: string;

  constructor(setting: string, message: string, hint: string) {
    super({ code: "config", message, hint });
    this.name = "ConfigError";
    this.setting = setting;
  }
}

/** A field-level problem reported by incident.io (`errors[]` in its error body). */
export interface FieldError {
  code: string;
  message: string;
  /** The request field at fault (`source.field`), when incident.io names one. */
  field?: string;
}

/** The `rate_limit` object of a 429 body. */
export interface RateLimitInfo {
  name?: string;
  limit?: number;
  remaining?: number;
  /** RFC 3339: when the limit lets requests through again. */
  retry_after?: string;
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
  readonly retryAfterMs: number | undefined;

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
    this.retryAfterMs = options.retryAfterMs;
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
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number, maxWaitMs: number) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    super({
      code: "rate_limited",
      message: `incident.io's rate limit for this API key lets the next request through in ${seconds} s, longer than this call may wait (${Math.round(maxWaitMs / 1000)} s)`,
      hint: `try again in ${seconds} s; the limit is per API key, shared by everything using it`,
      retryable: true,
    });
    this.name = "RateLimitWaitError";
    this.retryAfterMs = retryAfterMs;
  }
}
