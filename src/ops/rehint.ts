import { IncidentIoApiError } from "../api/index.js";

/** A 422 that names `field` (or a field under it). */
export function isValidationOf(error: unknown, field: string): error is IncidentIoApiError {
  return (
    error instanceof IncidentIoApiError &&
    error.status === 422 &&
    error.fieldErrors.some((fieldError) => fieldError.field?.includes(field) ?? false)
  );
}
