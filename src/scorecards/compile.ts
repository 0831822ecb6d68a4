import { compileCall } from "./aggregates.js";
import type { CompareOp, Expr } from "./ast.js";
import { entityField } from "./entity-fields.js";
import { ExpressionError } from "./errors.js";
import { type CompiledValue, constant, describeType, type EntityScope, type Measure } from "./measure.js";
import type { Organisation } from "./organisation.js";
import { parseExpression } from "./parse.js";
import { flip, requirement } from "./requirement.js";

/** A rule's expression, parsed and type-checked; `bind` it to the organisation, then test entities. */
export interface CompiledRule {
  source: string;
  bind(organisation: Organisation): (scope: EntityScope) => Measure;
}

/** Parses and type-checks a rule expression, which must be true or false; throws `ExpressionError` only. */
export function compileRule(source: string): CompiledRule {
  const tree = parseExpression(source);
  const value = compileValue(tree, source);
  if (value.type !== "bool") {
    throw new ExpressionError(
      tree.start,
      `a rule must be true or false, but this is ${describeType(value.type)}; ${HINTS[value.type]}`,
    );
  }
  return { source, bind: value.bind };
}

const ORDERABLE = new Set(["number", "duration"]);
const HINTS: Record<string, string> = {
  number: "compare it, like count(incidents) <= 2",
  duration: "compare it, like mttr(incidents within 90d) <= 4h",
  text: 'test it, like owner is set or owner = "team-payments"',
  list: 'test it, like tags contains "tier-1"',
};

function compileValue(node: Expr, source: string): CompiledValue {
  const text = source.slice(node.start, node.end);
  switch (node.kind) {
    case "number":
      return constant("number", node.value, node.text);
    case "duration":
      return constant("duration", node.ms, node.text);
    case "string":
      return constant("text", node.value, node.value);
    case "bool":
      return constant("bool", node.value, String(node.value));
    case "name":
    case "entity":
    case "index":
      return entityField(node);
    case "call":
      return compileCall(node, source);
    case "incidents":
      throw new ExpressionError(
        node.start,
        "a set of incidents is not a value: count or measure it, like count(incidents where …) <= 2 or time_since(last incident) >= 30d",
      );
    case "within":
      throw new ExpressionError(
        node.start,
        '"within" applies to an incident\'s created or resolved, inside a set: count(incidents where created within 90d)',
      );
    case "and":
    case "or":
      return logical(node.kind, bool(node.left, source), bool(node.right, source));
    case "not": {
      const inner = bool(node.operand, source);
      return {
        type: "bool",
        literal: null,
        bind: (org) => {
          const run = inner.bind(org);
          return (scope) => {
            const measure = run(scope);
            return { value: !measure.value, phrase: measure.phrase };
          };
        },
      };
    }
    case "is_set": {
      const operand = compileValue(node.operand, source);
      if (operand.type === "bool" || operand.type === "number" || operand.literal !== null) {
        throw new ExpressionError(
          node.start,
          `"is set" applies to fields and measures that can be missing, not ${text}`,
        );
      }
      return derived(operand, (m) => {
        const set = m.value !== null && !m.none && !(Array.isArray(m.value) && m.value.length === 0);
        return { value: node.negated ? !set : set, phrase: m.phrase };
      });
    }
    case "compare":
      return compare(
        node.op,
        compileValue(node.left, source),
        compileValue(node.right, source),
        node,
        source,
      );
    case "contains":
    case "in":
      return membership(node, source);
  }
}

function bool(node: Expr, source: string): CompiledValue {
  const value = compileValue(node, source);
  if (value.type !== "bool") {
    throw new ExpressionError(
      node.start,
      `expected true or false here, but "${source.slice(node.start, node.end)}" is ${describeType(value.type)}`,
    );
  }
  return value;
}

function logical(kind: "and" | "or", left: CompiledValue, right: CompiledValue): CompiledValue {
  return {
    type: "bool",
    literal: null,
    bind: (org) => {
      const a = left.bind(org);
      const b = right.bind(org);
      return (scope) => {
        const x = a(scope);
        const y = b(scope);
        const value =
          kind === "and" ? x.value === true && y.value === true : x.value === true || y.value === true;
        const shown =
          value === (kind === "and") ? [x, y] : [x, y].filter((m) => (m.value === true) === value);
        return { value, phrase: shown.map((m) => m.phrase).join("; ") };
      };
    },
  };
}

function derived(operand: CompiledValue, map: (m: Measure) => Measure): CompiledValue {
  return {
    type: "bool",
    literal: null,
    bind: (org) => {
      const run = operand.bind(org);
      return (scope) => map(run(scope));
    },
  };
}

function compare(
  op: CompareOp,
  leftIn: CompiledValue,
  rightIn: CompiledValue,
  node: Expr & { kind: "compare" },
  source: string,
): CompiledValue {
  const swap = leftIn.literal !== null && rightIn.literal === null;
  const [left, right] = swap ? [rightIn, leftIn] : [leftIn, rightIn];
  const effective = swap ? flip(op) : op;
  const listVsText = left.type === "list" && right.type === "text";
  if (left.type !== right.type && !listVsText) {
    const [l, r] = [node.left, node.right].map((n) => source.slice(n.start, n.end));
    throw new ExpressionError(
      node.opStart,
      `cannot compare ${describeType(leftIn.type)} (${l}) with ${describeType(rightIn.type)} (${r})`,
    );
  }
  if (!ORDERABLE.has(left.type) && effective !== "=" && effective !== "!=") {
    throw new ExpressionError(node.opStart, `${describeType(left.type)} can only be compared with = or !=`);
  }
  return {
    type: "bool",
    literal: null,
    bind: (org) => {
      const a = left.bind(org);
      const b = right.bind(org);
      return (scope) => {
        const x = a(scope);
        const y = b(scope);
        const wording = right.literal !== null ? requirement(left.type, effective, right.literal) : y.phrase;
        if (x.value === null || y.value === null) {
          const empty = x.value === null && ORDERABLE.has(left.type) ? x : y;
          if (ORDERABLE.has(left.type)) return { value: true, phrase: `${empty.phrase}, so the rule passes` };
        }
        const value = test(effective, x.value, y.value, listVsText);
        return { value, phrase: left.type === "bool" ? x.phrase : `${x.phrase}; ${wording}` };
      };
    },
  };
}

function test(op: CompareOp, a: Measure["value"], b: Measure["value"], listVsText: boolean): boolean {
  if (listVsText) {
    const wanted = String(b).toLowerCase();
    const found = (a as readonly string[]).some((item) => item.toLowerCase() === wanted);
    return op === "=" ? found : !found;
  }
  if (typeof a === "string" || typeof b === "string" || a === null || b === null) {
    const equal = a !== null && b !== null && String(a).toLowerCase() === String(b).toLowerCase();
    return op === "=" ? equal : op === "!=" ? !equal : false;
  }
  const x = a as number;
  const y = b as number;
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case "=":
      return x === y;
    case "!=":
      return x !== y;
    case ">=":
      return x >= y;
    case ">":
      return x > y;
  }
}

/** `tags contains "tier-1"`, `name contains "pay"`, `kind in ("Component", "System")`. */
function membership(node: Expr & { kind: "contains" | "in" }, source: string): CompiledValue {
  const subject = compileValue(node.kind === "in" ? node.operand : node.left, source);
  const options = (node.kind === "in" ? node.options : [node.right]).map((option) => {
    const value = compileValue(option, source);
    if (value.type !== "text" || value.literal === null) {
      throw new ExpressionError(option.start, 'expected a quoted value here, like "tier-1"');
    }
    return value.literal;
  });
  if (subject.type !== "text" && subject.type !== "list") {
    throw new ExpressionError(
      node.opStart,
      `"${node.kind}" applies to text and lists, not ${describeType(subject.type)}`,
    );
  }
  const wanted = options.map((option) => option.toLowerCase());
  const negated = node.kind === "in" && node.negated;
  const words =
    node.kind === "in"
      ? `must ${negated ? "not " : ""}be one of ${options.join(", ")}`
      : subject.type === "list"
        ? `must include ${options[0]}`
        : `must contain "${options[0]}"`;
  return derived(subject, (m) => {
    const items = m.value === null ? [] : Array.isArray(m.value) ? m.value : [String(m.value)];
    const lowered = items.map((item: string) => item.toLowerCase());
    const found =
      node.kind === "contains" && subject.type === "text"
        ? lowered.some((item) => item.includes(wanted[0] as string))
        : lowered.some((item) => wanted.includes(item));
    return { value: negated ? !found : found, phrase: `${m.phrase}; ${words}` };
  });
}
