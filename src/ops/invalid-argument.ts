import { IncidentKitError } from "../api/index.js";

/** A bad name, reference or value given by the caller; the hint says what would be accepted. */
export function invalidArgument(message: string, hint: string): IncidentKitError {
  return new IncidentKitError({ code: "invalid_argument", message, hint });
}

/** `use one of: A, B, C`, or a note that there is nothing to choose from. */
export function oneOf(kind: string, names: readonly string[]): string {
  return names.length > 0
    ? `use one of: ${names.join(", ")}`
    : `this organisation has no ${kind} to choose from`;
}
