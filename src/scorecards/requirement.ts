import type { CompareOp } from "./ast.js";
import type { ValueType } from "./measure.js";

/** What a comparison with a written value asks for, in words: "at most 2 allowed", "at least 30d required". */
export function requirement(type: ValueType, op: CompareOp, value: string): string {
  if (type === "number") {
    switch (op) {
      case "<=":
        return `at most ${value} allowed`;
      case "<":
        return `fewer than ${value} allowed`;
      case ">=":
        return `at least ${value} required`;
      case ">":
        return `more than ${value} required`;
      case "=":
        return value === "0" ? "none allowed" : `exactly ${value} required`;
      case "!=":
        return `must not be ${value}`;
    }
  }
  if (type === "duration") {
    switch (op) {
      case "<=":
        return `at most ${value} allowed`;
      case "<":
        return `must be under ${value}`;
      case ">=":
        return `at least ${value} required`;
      case ">":
        return `must be over ${value}`;
      case "=":
        return `must be ${value}`;
      case "!=":
        return `must not be ${value}`;
    }
  }
  if (type === "list") return op === "!=" ? `must not include ${value}` : `must include ${value}`;
  return op === "!=" ? `must not be ${value}` : `must be ${value}`;
}

/** The same comparison read from the other side: `2 >= x` is `x <= 2`. */
export function flip(op: CompareOp): CompareOp {
  switch (op) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return op;
  }
}
