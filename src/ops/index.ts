/** Operations in incident.io's words, shared by the CLI and MCP faces. */

export { type AccountCheck, KEY_USES, type KeyUse, verifyAccount } from "./accounts.js";
export { type IncidentContext, incidentContext } from "./context.js";
export { appendFinding, type Finding } from "./findings.js";
export { deriveIdempotencyKey } from "./idempotency.js";
export type { IncidentQuery } from "./incident-query.js";
export { type IncidentRef, isIncidentIoHost, parseIncidentRef } from "./incident-ref.js";
export {
  changeStatus,
  closeIncident,
  type Declared,
  type DeclareInput,
  declareIncident,
  type EditInput,
  editIncident,
  escalateIncident,
  getIncident,
  listIncidents,
} from "./incidents.js";
export { Lookups } from "./lookups.js";
export { DEFAULT_LIMIT, type Page } from "./pages.js";
export { type OpsSession, openSession } from "./session.js";
export { listUpdates, type PostedUpdate, postUpdate, type UpdateInput } from "./updates.js";
export { declaredText, postedText } from "./write-outcome.js";
