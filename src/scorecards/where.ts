import type { CompareOp, Expr } from "./ast.js";
import { durationWords } from "./durations.js";
import { ExpressionError } from "./errors.js";
import { fieldHas, fieldMatches, type IncidentFacts } from "./facts.js";
import { fieldName, type IncidentField, incidentField, literalText } from "./incident-fields.js";
import type { Organisation } from "./organisation.js";

export type Predicate = (facts: IncidentFacts, nowMs: number) => boolean;

/** How a condition reads in an explanation: "unresolved incidents of severity >= Major in the past 90 days". */
export interface Phrases {
  before: string[];
  after: string[];
  window: string[];
}

export interface BoundCondition {
  test: Predicate;
  /** Null when the condition is too involved to put in words; explanations quote it instead. */
  phrases: Phrases | null;
}

/** A condition on one incident, checked now; bound to an organisation (its severities) before use. */
export type Condition = (organisation: Organisation) => BoundCondition;

const TEXT_COMPARE = new Set<CompareOp>(["=", "!="]);
const ORDERED = (op: CompareOp, a: number, b: number): boolean => {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case ">=":
      return a >= b;
    case ">":
      return a > b;
  }
};

/** Compiles the condition after `where`, checking every field and value; throws `ExpressionError`. */
export function compileCondition(node: Expr): Condition {
  switch (node.kind) {
    case "and":
    case "or": {
      const left = compileCondition(node.left);
      const right = compileCondition(node.right);
      const both = node.kind === "and";
      return (org) => {
        const a = left(org);
        const b = right(org);
        const test: Predicate = both
          ? (f, now) => a.test(f, now) && b.test(f, now)
          : (f, now) => a.test(f, now) || b.test(f, now);
        return { test, phrases: both ? joinPhrases(a.phrases, b.phrases) : null };
      };
    }
    case "not": {
      const inner = compileCondition(node.operand);
      return (org) => {
        const { test } = inner(org);
        return { test: (f, now) => !test(f, now), phrases: null };
      };
    }
    case "compare":
      return compare(incidentField(node.left), node.op, node.right, node.opStart);
    case "in": {
      const field = incidentField(node.operand);
      const parts = node.options.map((option) => compare(field, "=", option, node.opStart));
      return (org) => {
        const tests = parts.map((part) => part(org).test);
        const any: Predicate = (f, now) => tests.some((test) => test(f, now));
        const names = node.options.map((option) => literalText(field, option, "a value")).join(" or ");
        const phrases = phraseFor(field, node.negated ? "!=" : "=", names);
        return { test: node.negated ? (f, now) => !any(f, now) : any, phrases };
      };
    }
    case "contains":
      return contains(incidentField(node.left), node.right, node.opStart);
    case "is_set":
      return isSet(incidentField(node.operand), node.negated, node.start);
    case "within":
      return within(incidentField(node.operand), node);
    default:
      incidentField(node);
      throw new ExpressionError(node.start, "expected a condition on an incident");
  }
}

function compare(field: IncidentField, op: CompareOp, right: Expr, opStart: number): Condition {
  const name = fieldName(field);
  if (field.kind === "time") {
    throw new ExpressionError(opStart, `${name} is a time: write ${name} within 90d, or ${name} is set`);
  }
  if (field.kind === "time_to_resolve") {
    if (right.kind !== "duration") {
      throw new ExpressionError(
        right.start,
        "compare time_to_resolve with a duration, like time_to_resolve > 4h",
      );
    }
    const limit = right.ms;
    return () => ({
      test: (f) => f.resolvedMs !== null && ORDERED(op, f.resolvedMs - f.createdMs, limit),
      phrases: { before: [], after: [`resolved in ${op} ${right.text}`], window: [] },
    });
  }
  if (field.kind === "severity") {
    const wanted = literalText(field, right, "a severity name");
    return (org) => {
      const severity = org.severity(wanted);
      if (!severity) {
        throw new ExpressionError(
          right.start,
          `unknown severity "${wanted}"; the organisation's severities are ${org.severityNames.join(", ") || "(none)"}`,
        );
      }
      const rank = severity.rank;
      const test: Predicate =
        op === "!="
          ? (f) => f.severityRank !== rank
          : (f) => f.severityRank !== null && ORDERED(op, f.severityRank, rank);
      return { test, phrases: phraseFor(field, op, severity.name) };
    };
  }
  if (!TEXT_COMPARE.has(op)) {
    throw new ExpressionError(opStart, `${name} can only be compared with = or != (or "in", "contains")`);
  }
  const text = literalText(field, right, `a ${name} value`);
  const wanted = text.toLowerCase();
  const equal = equality(field, wanted);
  const test: Predicate = op === "=" ? equal : (f, now) => !equal(f, now);
  return () => ({ test, phrases: phraseFor(field, op, text) });
}

function equality(field: IncidentField, wanted: string): Predicate {
  switch (field.kind) {
    case "status":
      return (f) => f.status === wanted || f.category === wanted;
    case "text":
      if (field.name === "type") return (f) => f.type === wanted;
      if (field.name === "mode") return (f) => f.mode === wanted;
      return (f) => f.name === wanted;
    case "custom":
      return (f) => fieldHas(f, field.field, wanted);
    default:
      throw new Error(`no equality for ${field.kind}`);
  }
}

function contains(field: IncidentField, right: Expr, opStart: number): Condition {
  if (field.kind === "custom") {
    const text = literalText(field, right, "a value");
    return () => ({
      test: (f) => fieldHas(f, field.field, text.toLowerCase()),
      phrases: phraseFor(field, "=", text),
    });
  }
  if (field.kind === "text" && field.name === "name") {
    const text = literalText(field, right, "some text");
    const part = text.toLowerCase();
    return () => ({
      test: (f) => f.name.includes(part),
      phrases: { before: [], after: [`whose name contains "${text}"`], window: [] },
    });
  }
  throw new ExpressionError(opStart, `"contains" applies to name and field("…"), not ${fieldName(field)}`);
}

function isSet(field: IncidentField, negated: boolean, start: number): Condition {
  let has: Predicate;
  let word: string;
  switch (field.kind) {
    case "severity":
      has = (f) => f.severityRank !== null;
      word = negated ? "without a severity" : "with a severity";
      break;
    case "text":
      if (field.name !== "type")
        throw new ExpressionError(start, `an incident's ${field.name} is always set`);
      has = (f) => f.type !== null;
      word = negated ? "without a type" : "with a type";
      break;
    case "custom": {
      const name = field.field;
      has = (f) => fieldMatches(f, name);
      word = negated ? `without ${field.label}` : `with ${field.label} set`;
      break;
    }
    case "time":
    case "time_to_resolve":
      if (field.kind === "time" && field.name === "created") {
        throw new ExpressionError(start, "an incident's created is always set");
      }
      has = (f) => f.resolvedMs !== null;
      word = negated ? "unresolved" : "resolved";
      return () => ({
        test: negated ? (f, now) => !has(f, now) : has,
        phrases: { before: [word], after: [], window: [] },
      });
    default:
      throw new ExpressionError(start, `an incident's ${fieldName(field)} is always set`);
  }
  return () => ({
    test: negated ? (f, now) => !has(f, now) : has,
    phrases: { before: [], after: [word], window: [] },
  });
}

function within(field: IncidentField, node: Expr & { kind: "within" }): Condition {
  if (field.kind !== "time") {
    throw new ExpressionError(
      node.start,
      `"within" applies to created and resolved, not ${fieldName(field)}`,
    );
  }
  const span = node.window.ms;
  const words = `in the past ${durationWords(node.window.amount, node.window.unit)}`;
  if (field.name === "created") {
    return () => ({
      test: (f, now) => f.createdMs <= now && f.createdMs >= now - span,
      phrases: { before: [], after: [], window: [words] },
    });
  }
  return () => ({
    test: (f, now) => f.resolvedMs !== null && f.resolvedMs <= now && f.resolvedMs >= now - span,
    phrases: { before: [], after: [], window: [`resolved ${words}`] },
  });
}

function phraseFor(field: IncidentField, op: CompareOp, value: string): Phrases {
  const not = op === "!=";
  const after = (() => {
    switch (field.kind) {
      case "severity":
        return op === "="
          ? `of severity ${value}`
          : not
            ? `not of severity ${value}`
            : `of severity ${op} ${value}`;
      case "status":
        return `${not ? "without" : "with"} status ${value}`;
      case "custom":
        return `${not ? "without" : "with"} ${field.label} ${value}`;
      case "text":
        if (field.name === "mode") return `${not ? "not " : ""}in ${value} mode`;
        if (field.name === "type") return `${not ? "not " : ""}of type ${value}`;
        return `${not ? "not " : ""}named "${value}"`;
      default:
        return `${fieldName(field)} ${op} ${value}`;
    }
  })();
  return { before: [], after: [after], window: [] };
}

function joinPhrases(a: Phrases | null, b: Phrases | null): Phrases | null {
  if (!a || !b) return null;
  return {
    before: [...a.before, ...b.before],
    after: [...a.after, ...b.after],
    window: [...a.window, ...b.window],
  };
}
