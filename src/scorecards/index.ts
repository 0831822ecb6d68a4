export { type CompiledRule, compileRule } from "./compile.js";
export type { ScoredEntity, ScoringSubject, SeverityDefinition } from "./entity.js";
export { ExpressionError, ScorecardError } from "./errors.js";
export { type EvaluationInput, evaluateScorecards, type ScorecardResult } from "./evaluate.js";
export type { EntityResult, RuleResult } from "./levels.js";
export { loadScorecard, loadScorecards } from "./load.js";
export type { EntityFilter, Scorecard, ScorecardLevel, ScorecardRule } from "./types.js";
