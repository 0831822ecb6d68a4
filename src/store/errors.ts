import { IncidentKitError } from "../shared/errors.js";

/**
 * The hub's database cannot be used: PostgreSQL cannot be reached (retryable: it may be starting), SQLite refuses
 * the file, or a newer version of incidentkit wrote the schema. The message names the database, never a password.
 */
export class DatabaseError extends IncidentKitError {
  constructor(message: string, hint: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super({ code: "database", message, hint, ...options });
    this.name = "DatabaseError";
  }
}
