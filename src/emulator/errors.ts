import { randomUUID } from "node:crypto";
import type { z } from "zod";

/** incident.io's error `type` for each HTTP status it uses (reference/api.md §3.1). */
export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "resource_forbidden"
  | "not_found"
  | "validation_error"
  | "conflict"
  | "too_many_requests"
  | "api_error";

export interface ErrorSingle {
  code: string;
  message: string;
  source?: { field: string };
  metadata?: Record<string, string>;
}

export interface ErrorBody {
  type: string;
  status: number;
  request_id: string;
  errors: ErrorSingle[];
  rate_limit?: { name: string; limit: number; remaining: number; retry_after: string };
}

/** An error answered to the client with incident.io's error body. Thrown from handlers, rendered by the app. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly errors: ErrorSingle[],
    readonly headers: Record<string, string> = {},
    readonly rateLimit?: ErrorBody["rate_limit"],
  ) {
    super(errors[0]?.message ?? type);
  }

  body(requestId: string): ErrorBody {
    const body: ErrorBody = {
      type: this.type,
      status: this.status,
      request_id: requestId,
      errors: this.errors,
    };
    if (this.rateLimit) body.rate_limit = this.rateLimit;
    return body;
  }
}

export function newRequestId(): string {
  return randomUUID();
}

export function validationError(
  field: string | undefined,
  message: string,
  code = "invalid_value",
): ApiError {
  return new ApiError(422, "validation_error", [{ code, message, ...(field ? { source: { field } } : {}) }]);
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, "not_found", [
    { code: "not_found", message: `No ${what} with ID "${id}" was found.` },
  ]);
}

export function invalidRequest(message: string, code = "invalid_request"): ApiError {
  return new ApiError(400, "invalid_request_error", [{ code, message }]);
}

/** A dotted field path as incident.io reports it, e.g. `incident.custom_field_entries.0.custom_field_id`. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map(String)].filter((part) => part !== "");
  return parts.join(".");
}

/** Maps zod issues to a 422, one error per issue, each naming its field. */
export function fromZodError(error: z.ZodError, input: unknown, prefix = ""): ApiError {
  const errors = error.issues.slice(0, 20).map((issue): ErrorSingle => {
    const field = fieldPath(prefix, issue.path);
    // zod reports a missing enum member as invalid_value rather than invalid_type.
    const missing =
      (issue.code === "invalid_type" || issue.code === "invalid_value") &&
      valueAt(input, issue.path) === undefined;
    const name = field || "The request body";
    let message: string;
    let code = "invalid_value";
    if (missing) {
      code = "is_required";
      message = `${name} is required.`;
    } else if (issue.code === "invalid_type") {
      code = "invalid_type";
      message = `${name} must be ${article(issue.expected)}.`;
    } else if (issue.code === "invalid_value") {
      message = `${name} must be one of: ${issue.values.map(String).join(", ")}.`;
    } else {
      message = `${name}: ${issue.message}`;
    }
    return field ? { code, message, source: { field } } : { code, message };
  });
  return new ApiError(422, "validation_error", errors);
}

function article(expected: string): string {
  if (expected === "array") return "an array";
  if (expected === "object") return "a JSON object";
  if (expected === "int") return "an integer";
  return `a ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
