/** Investigations: an incident's findings report, built from the hub's state, and stored. */
import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import { latestInvestigation as latest, type StoredInvestigation } from "./store.js";

export { buildReport, type InvestigationInputs } from "./build.js";
export { probableCauses } from "./causes.js";
export {
  type InvestigationsConfig,
  InvestigationsConfigSchema,
  investigationsConfigFrom,
} from "./config.js";
export { FINDINGS_TITLE, findingsMarkdown, withoutFindings } from "./markdown.js";
export {
  claimAutoInvestigation,
  createInvestigation,
  getInvestigation,
  type InvestigationError,
  markPublished,
  type StoredInvestigation,
  saveReport,
} from "./store.js";

/**
 * The latest stored investigation of an incident, with its report and publish state (for the UI and MCP):
 * the newest finished run of any trigger, else the newest run at all (a failed one, with its errors).
 */
export function latestInvestigation(
  db: Kysely<Database>,
  incidentId: string,
): Promise<StoredInvestigation | undefined> {
  return latest(db, incidentId);
}
