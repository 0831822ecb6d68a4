import type { ScoringSubject } from "./entity.js";
import type { Organisation } from "./organisation.js";
import type { SetScope } from "./sets.js";

export type ValueType = "bool" | "number" | "duration" | "text" | "list";

/** A value worked out for one entity, with the words that explain it: "3 incidents of severity >= Major …". */
export interface Measure {
  /** Null: an average over no incidents, which has no value. Durations and counts are numbers (ms for durations). */
  value: boolean | number | string | readonly string[] | null;
  phrase: string;
  /** `time_since` over no incidents: the value is Infinity and "is set" is false. */
  none?: boolean;
}

/** Everything one entity's evaluation reads. */
export interface EntityScope extends SetScope {
  subject: ScoringSubject;
}

/** A value of an expression, type-checked at load time and bound to the organisation before evaluation. */
export interface CompiledValue {
  type: ValueType;
  /** The source text when the value is a literal written in the rule (2, 4h, "tier-1", true). */
  literal: string | null;
  bind(organisation: Organisation): (scope: EntityScope) => Measure;
}

const ARTICLES: Record<ValueType, string> = {
  bool: "a true-or-false value",
  number: "a number",
  duration: "a duration",
  text: "a text",
  list: "a list",
};

export function describeType(type: ValueType): string {
  return ARTICLES[type];
}

export function constant(type: ValueType, value: Measure["value"], literal: string): CompiledValue {
  const measure: Measure = { value, phrase: literal };
  return { type, literal, bind: () => () => measure };
}
