import type { CompiledRule } from "./compile.js";
import type { ScorecardError } from "./errors.js";

/** A scorecard read from YAML: which entities it scores and its levels, lowest first. */
export interface Scorecard {
  name: string;
  description: string;
  file: string;
  filter: EntityFilter;
  levels: ScorecardLevel[];
}

/** Which entities a scorecard scores: all of these that are given must hold. Kinds, types and tags ignore case. */
export interface EntityFilter {
  kinds: string[] | null;
  types: string[] | null;
  /** Any one of these tags. */
  tags: string[] | null;
  expression: LoadedExpression | null;
}

export interface ScorecardLevel {
  name: string;
  description: string;
  rules: ScorecardRule[];
}

export interface ScorecardRule {
  name: string;
  description: string;
  hint: string | null;
  weight: number;
  expression: LoadedExpression;
}

/** An expression with its place in the file, so problems found when binding it still name file:line:column. */
export interface LoadedExpression {
  source: string;
  compiled: CompiledRule;
  /** The error for a problem at `offset` in the expression. */
  errorAt(offset: number, problem: string): ScorecardError;
}
