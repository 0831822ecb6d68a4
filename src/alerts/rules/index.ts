export { decide, decideBy, renderIncident } from "./decide.js";
export { RulesError } from "./errors.js";
export { loadRules } from "./load.js";
export { firstMatch } from "./match.js";
export type { Decision, GroupBy, IncidentRequest, Rule, RuleSet, SuppressionHistory } from "./types.js";
