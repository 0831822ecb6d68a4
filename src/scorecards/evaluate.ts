import type { ScoredEntity, ScoringSubject, SeverityDefinition } from "./entity.js";
import { ExpressionError } from "./errors.js";
import { FactsCache } from "./facts.js";
import { type EntityResult, type RuleResult, reachedLevel } from "./levels.js";
import type { EntityScope, Measure } from "./measure.js";
import { Organisation } from "./organisation.js";
import type { EntityFilter, LoadedExpression, Scorecard } from "./types.js";

export interface EvaluationInput {
  /** Every entity with its incidents (already grouped by entity) and whether it maps to incident.io. */
  subjects: readonly ScoringSubject[];
  /** The organisation's severities: rules compare severities by rank, and name them. */
  severities: readonly SeverityDefinition[];
  now: Date | number;
}

export interface ScorecardResult {
  scorecard: string;
  file: string;
  /** Level names, lowest first. */
  levels: string[];
  /** One per entity the scorecard's filter selects, in input order. */
  entities: EntityResult[];
  /** Problems that stopped rules from running (an unknown severity), each naming file:line:column. */
  problems: string[];
}

type Run = (scope: EntityScope) => Measure;
type Bound = { run: Run } | { error: string };

/**
 * Scores every entity the scorecards select. Each expression is bound to the organisation once; each entity's
 * incidents are read once and every set of incidents the rules name is selected once per entity.
 */
export function evaluateScorecards(
  scorecards: readonly Scorecard[],
  input: EvaluationInput,
): ScorecardResult[] {
  const organisation = new Organisation(input.severities);
  const nowMs = typeof input.now === "number" ? input.now : input.now.getTime();
  const facts = new FactsCache(organisation);
  const scopes = input.subjects.map(
    (subject): EntityScope => ({ subject, facts: facts.of(subject.incidents), nowMs, sets: new Map() }),
  );
  const bind = (expression: LoadedExpression): Bound => {
    try {
      return { run: expression.compiled.bind(organisation) };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      return { error: expression.errorAt(error.offset, error.message).message };
    }
  };

  return scorecards.map((scorecard) => {
    const problems: string[] = [];
    const filterExpression = scorecard.filter.expression ? bind(scorecard.filter.expression) : null;
    if (filterExpression && "error" in filterExpression) problems.push(filterExpression.error);
    const levels = scorecard.levels.map((level) => ({
      level,
      rules: level.rules.map((rule) => {
        const bound = bind(rule.expression);
        if ("error" in bound) problems.push(bound.error);
        return { rule, bound };
      }),
    }));
    const entities: EntityResult[] = [];
    if (!filterExpression || "run" in filterExpression) {
      for (const scope of scopes) {
        if (!selects(scorecard.filter, scope.subject.entity)) continue;
        if (filterExpression && filterExpression.run(scope).value !== true) continue;
        const results = levels.map(({ level, rules }) =>
          rules.map(({ rule, bound }): RuleResult => {
            const base = {
              level: level.name,
              rule: rule.name,
              description: rule.description,
              hint: rule.hint,
              weight: rule.weight,
            };
            if ("error" in bound)
              return { ...base, outcome: "error", passed: false, explanation: bound.error };
            const measure = bound.run(scope);
            const passed = measure.value === true;
            return { ...base, outcome: passed ? "pass" : "fail", passed, explanation: measure.phrase };
          }),
        );
        entities.push(reachedLevel(scope.subject.entity.ref, scorecard.levels, results));
      }
    }
    return {
      scorecard: scorecard.name,
      file: scorecard.file,
      levels: scorecard.levels.map((level) => level.name),
      entities,
      problems,
    };
  });
}

function selects(filter: EntityFilter, entity: ScoredEntity): boolean {
  const has = (list: string[] | null, value: string | null | undefined) =>
    list === null || (value != null && list.some((item) => item.toLowerCase() === value.toLowerCase()));
  if (!has(filter.kinds, entity.kind) || !has(filter.types, entity.type)) return false;
  if (filter.tags === null) return true;
  return (entity.tags ?? []).some((tag) => has(filter.tags, tag));
}
