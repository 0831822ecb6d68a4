/** Investigations as the running hub runs them: on demand or for each new incident, and published. */
export {
  AutoInvestigator,
  type AutoInvestigatorOptions,
  DEFAULT_RETRY_EVERY_MS,
  MAX_AUTO_ATTEMPTS,
} from "./auto.js";
export { autoDecision } from "./filter.js";
export { type InvestigateOptions, type InvestigationDeps, investigate } from "./investigate.js";
export { StorePostLedger } from "./post-ledger.js";
export {
  AUTO_SLACK_OCCASION,
  type PublishResult,
  type PublishTargets,
  publishInvestigation,
  wantsSlack,
} from "./publish.js";
export { SIMILAR_LIMIT, SIMILAR_THRESHOLD, similarLeadOptions, similarLeads } from "./similar-leads.js";
