/** Investigations: an incident's findings report, built from the hub's state, stored, and published. */
import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import { latestInvestigation as latest, type StoredInvestigation } from "./store.js";

export {
  AutoInvestigator,
  type AutoInvestigatorOptions,
  DEFAULT_RETRY_EVERY_MS,
  MAX_AUTO_ATTEMPTS,
} from "./auto.js";
export { buildReport, type InvestigationInputs } from "./build.js";
export { probableCauses } from "./causes.js";
export {
  type InvestigationsConfig,
  InvestigationsConfigSchema,
  investigationsConfigFrom,
} from "./config.js";
export { autoDecision } from "./filter.js";
export { type InvestigateOptions, type InvestigationDeps, investigate } from "./investigate.js";
export { FINDINGS_TITLE, findingsMarkdown, withoutFindings } from "./markdown.js";
export { StorePostLedger } from "./post-ledger.js";
export {
  AUTO_SLACK_OCCASION,
  type PublishResult,
  type PublishTargets,
  publishInvestigation,
  wantsSlack,
} from "./publish.js";
export { SIMILAR_LIMIT, SIMILAR_THRESHOLD, similarLeadOptions, similarLeads } from "./similar-leads.js";
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
