import type { DurationUnit } from "../shared/duration.js";

/** Offsets into the expression's text: where a node starts and ends. */
export interface Span {
  start: number;
  end: number;
}

export type CompareOp = "<" | "<=" | "=" | "!=" | ">=" | ">";

export interface DurationLiteral extends Span {
  kind: "duration";
  text: string;
  amount: number;
  unit: DurationUnit;
  ms: number;
}

/** `incidents [within D] [where C]`, `all incidents …`, `last incident …`. */
export interface IncidentSet extends Span {
  kind: "incidents";
  /** `all incidents` keeps test and tutorial incidents and declined, merged and canceled ones. */
  all: boolean;
  /** `last incident`: only the most recently created one matters. */
  last: boolean;
  where: Expr | null;
  within: DurationLiteral | null;
}

export type Expr =
  | (Span & { kind: "and" | "or"; left: Expr; right: Expr })
  | (Span & { kind: "not"; operand: Expr })
  | (Span & { kind: "compare"; op: CompareOp; left: Expr; right: Expr; opStart: number })
  | (Span & { kind: "contains"; left: Expr; right: Expr; opStart: number })
  | (Span & { kind: "in"; operand: Expr; options: Expr[]; negated: boolean; opStart: number })
  | (Span & { kind: "is_set"; operand: Expr; negated: boolean })
  | (Span & { kind: "within"; operand: Expr; window: DurationLiteral })
  | (Span & { kind: "number"; value: number; text: string })
  | DurationLiteral
  | (Span & { kind: "string"; value: string })
  | (Span & { kind: "bool"; value: boolean })
  /** A bare word: a field (`owner`, `severity`) or, beside a severity, status, type or mode, a name (`Major`). */
  | (Span & { kind: "name"; name: string })
  /** `entity.owner`: always the entity's field, also inside a `where`. */
  | (Span & { kind: "entity"; name: string; nameStart: number })
  /** `annotations["key"]`, `entity.annotations["key"]`. */
  | (Span & { kind: "index"; target: Expr; key: string })
  | (Span & { kind: "call"; name: string; args: Expr[] })
  | IncidentSet;
