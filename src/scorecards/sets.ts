import type { Expr, IncidentSet } from "./ast.js";
import { durationWords } from "./durations.js";
import { ExpressionError } from "./errors.js";
import { type IncidentFacts, NOT_REAL_CATEGORIES, NOT_REAL_MODES } from "./facts.js";
import type { Organisation } from "./organisation.js";
import { compileCondition, type Phrases, type Predicate } from "./where.js";

/** What one entity's evaluation shares between its rules: the entity's incidents and the sets already selected. */
export interface SetScope {
  facts: readonly IncidentFacts[];
  nowMs: number;
  /** Selected sets by their key, so rules that name the same set filter the incidents once. */
  sets: Map<string, readonly IncidentFacts[]>;
}

export interface BoundSet {
  select(scope: SetScope): readonly IncidentFacts[];
  /** "incidents of severity >= Major in the past 90 days" with `noun` in place of "incidents". */
  describe(noun: string): string;
}

export type CompiledSet = (organisation: Organisation) => BoundSet;

/** Compiles `incidents …`, `all incidents …` or `last incident …`; `source` is the whole expression's text. */
export function compileSet(node: IncidentSet, source: string): CompiledSet {
  if (!node.all && node.where) refuseHiddenIncidents(node.where);
  const condition = node.where ? compileCondition(node.where) : null;
  const key = `${node.all ? "all" : "real"}|${node.within?.ms ?? ""}|${
    node.where ? source.slice(node.where.start, node.where.end).replace(/\s+/g, " ") : ""
  }`;
  const window = node.within?.ms;
  const windowWords = node.within
    ? `in the past ${durationWords(node.within.amount, node.within.unit)}`
    : null;
  return (organisation) => {
    const bound = condition?.(organisation);
    const test: Predicate | undefined = bound?.test;
    const phrases: Phrases | null = bound ? bound.phrases : { before: [], after: [], window: [] };
    const matching = node.where ? ` matching \`${source.slice(node.where.start, node.where.end)}\`` : "";
    return {
      select(scope) {
        const cached = scope.sets.get(key);
        if (cached) return cached;
        const { facts, nowMs } = scope;
        const since = window === undefined ? Number.NEGATIVE_INFINITY : nowMs - window;
        const selected: IncidentFacts[] = [];
        for (const fact of facts) {
          if (!node.all && !fact.real) continue;
          if (window !== undefined && (fact.createdMs < since || fact.createdMs > nowMs)) continue;
          if (test && !test(fact, nowMs)) continue;
          selected.push(fact);
        }
        scope.sets.set(key, selected);
        return selected;
      },
      describe(noun) {
        if (!phrases) return [noun + matching, windowWords].filter(Boolean).join(" ");
        return [...phrases.before, noun, ...phrases.after, ...phrases.window, windowWords]
          .filter(Boolean)
          .join(" ");
      },
    };
  };
}

/** `incidents` leaves out test and declined-like incidents; asking for them there could never match, so say so. */
function refuseHiddenIncidents(node: Expr): void {
  switch (node.kind) {
    case "and":
    case "or":
      refuseHiddenIncidents(node.left);
      refuseHiddenIncidents(node.right);
      return;
    case "not":
      refuseHiddenIncidents(node.operand);
      return;
    case "compare":
      if (node.op !== "!=") checkNamed(node.left, [node.right]);
      return;
    case "in":
      if (!node.negated) checkNamed(node.operand, node.options);
      return;
    default:
      return;
  }
}

function checkNamed(field: Expr, values: Expr[]): void {
  if (field.kind !== "name" || (field.name !== "mode" && field.name !== "status")) return;
  const hidden = field.name === "mode" ? NOT_REAL_MODES : NOT_REAL_CATEGORIES;
  for (const value of values) {
    const text = value.kind === "string" ? value.value : value.kind === "name" ? value.name : null;
    if (text !== null && hidden.has(text.toLowerCase())) {
      throw new ExpressionError(
        value.start,
        `"incidents" leaves out test and tutorial incidents and declined, merged and canceled ones; write "all incidents where …" to count ${text} incidents`,
      );
    }
  }
}
