export { decide, renderIncident } from "./decide.js";
export { RulesError } from "./errors.js";
export { loadRules } from "./load.js";
export type { Decision, IncidentRequest, Rule, RuleSet, SuppressionHistory } from "./types.js";
