import { IncidentIoApiError } from "../api/index.js";

/** The same API error with a hint that fits what the operation was doing. */
export function withHint(error: IncidentIoApiError, hint: string): IncidentIoApiError {
  const rehinted = new IncidentIoApiError({
    code: error.code,
    message: error.message,
    hint,
    retryable: error.retryable,
    status: error.status,
    fieldErrors: error.fieldErrors,
    method: error.method,
    url: error.url,
    cause: error,
    ...(error.type !== undefined ? { type: error.type } : {}),
    ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
    ...(error.rateLimit !== undefined ? { rateLimit: error.rateLimit } : {}),
    ...(error.requiredScope !== undefined ? { requiredScope: error.requiredScope } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  });
  return rehinted;
}

/** A 422 that names `field` (or a field under it). */
export function isValidationOf(error: unknown, field: string): error is IncidentIoApiError {
  return (
    error instanceof IncidentIoApiError &&
    error.status === 422 &&
    error.fieldErrors.some((fieldError) => fieldError.field?.includes(field) ?? false)
  );
}
