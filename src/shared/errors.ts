/**
 * The error family of the whole project. Every error a user can see carries a stable `code`, a `hint` saying what
 * to do about it, and whether retrying can help; each face (CLI, MCP, web UI) renders the family from these fields
 * alone, so a new error class needs no face to learn about it. Subclasses add what their kind knows: the API's
 * status, the file, line and column, the setting at fault.
 *
 * Codes the faces tell apart (anything else is a failure of its own kind, e.g. `slack_delivery` or Slack's own
 * error string):
 * - `usage`, `invalid_argument`: the caller asked wrongly; the hint says what would be accepted.
 * - `config`: a setting or file cannot work; `unauthorized`, `forbidden`: the credentials cannot.
 * - `not_found`; `rate_limited` (retryable); `internal`: an unexpected failure, never anything else.
 */
export interface IncidentKitErrorOptions {
  code: string;
  message: string;
  hint: string;
  retryable?: boolean;
  /** For a retryable error: milliseconds until trying again can succeed, when known. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class IncidentKitError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: IncidentKitErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "IncidentKitError";
    this.code = options.code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * The same error, of the same class with the same fields, with a hint that fits where it surfaced (a refused
   * status move lists the statuses; a declare names the setting). The original is its `cause`.
   */
  withHint(hint: string): this {
    const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this)) as this;
    Object.defineProperty(copy, "hint", {
      value: hint,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    Object.defineProperty(copy, "cause", {
      value: this,
      enumerable: false,
      writable: true,
      configurable: true,
    });
    return copy;
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

/** Settings that cannot work (a bad base URL, an unknown account, a malformed file, a variable left unset). */
export class ConfigError extends IncidentKitError {
  /** The setting at fault, e.g. `baseUrl`, `INCIDENT_IO_BASE_URL`, `accounts[1].alias`, `slack.channel`. */
  readonly setting: string;

  constructor(setting: string, message: string, hint: string) {
    super({ code: "config", message, hint });
    this.name = "ConfigError";
    this.setting = setting;
  }
}

/** What an unexpected failure's hint says unless the face has better words for where it happened. */
export const INTERNAL_HINT =
  "an unexpected failure inside incidentkit: if it happens again, report it with what you were doing";

/**
 * Any thrown value as a member of the family: an `IncidentKitError` as it is, anything else as `internal`, with
 * the value's message (never its stack) and `hint`. Faces still redact the message: an unknown error may quote
 * whatever it was given.
 */
export function toIncidentKitError(error: unknown, hint: string = INTERNAL_HINT): IncidentKitError {
  if (error instanceof IncidentKitError) return error;
  return new IncidentKitError({ code: "internal", message: messageOf(error), hint, cause: error });
}

/** A thrown value's message: its own (its name when empty), a plain object's `message`, never `[object Object]`. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return message;
    try {
      return JSON.stringify(error).slice(0, 500);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
