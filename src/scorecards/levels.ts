import type { ScorecardLevel } from "./types.js";

export interface RuleResult {
  level: string;
  rule: string;
  description: string;
  /** "error": the rule could not run (an unknown severity); it counts as failing. */
  outcome: "pass" | "fail" | "error";
  passed: boolean;
  /** With the figures: "3 incidents of severity >= Major in the past 90 days; at most 2 allowed". */
  explanation: string;
  hint: string | null;
  weight: number;
}

export interface EntityResult {
  entity: string;
  /** The highest level whose rules, and every lower level's rules, all pass; null when the first level fails. */
  level: string | null;
  /** 0-based index of `level`; -1 for none. */
  levelIndex: number;
  /** Passed weight over total weight, 0 to 1. */
  score: number;
  /** Every rule, level by level. */
  rules: RuleResult[];
  /** The level above the one reached and its rules that do not pass; null at the top level. */
  nextLevel: { name: string; failing: RuleResult[] } | null;
}

/** Works out the level an entity reached from its rule results, given level by level (lowest first). */
export function reachedLevel(
  entity: string,
  levels: readonly ScorecardLevel[],
  results: RuleResult[][],
): EntityResult {
  let levelIndex = -1;
  while (
    levelIndex + 1 < results.length &&
    (results[levelIndex + 1] as RuleResult[]).every((r) => r.passed)
  ) {
    levelIndex++;
  }
  const rules = results.flat();
  let total = 0;
  let passed = 0;
  for (const rule of rules) {
    total += rule.weight;
    if (rule.passed) passed += rule.weight;
  }
  const next = levels[levelIndex + 1];
  return {
    entity,
    level: levelIndex >= 0 ? (levels[levelIndex]?.name ?? null) : null,
    levelIndex,
    score: total === 0 ? 1 : passed / total,
    rules,
    nextLevel: next
      ? { name: next.name, failing: (results[levelIndex + 1] ?? []).filter((rule) => !rule.passed) }
      : null,
  };
}
