import { type DurationUnit, isDurationUnit } from "../shared/duration.js";
import { ExpressionError } from "./errors.js";

export type Token =
  | { kind: "ident"; text: string; start: number; end: number }
  | { kind: "string"; text: string; value: string; start: number; end: number }
  | { kind: "number"; text: string; value: number; start: number; end: number }
  | { kind: "duration"; text: string; amount: number; unit: DurationUnit; start: number; end: number }
  | { kind: "op"; text: Operator; start: number; end: number }
  | { kind: "eof"; text: ""; start: number; end: number };

export type Operator = "<" | "<=" | "=" | "!=" | ">=" | ">" | "(" | ")" | "," | "[" | "]" | ".";

/** Two- and one-character operators, with the spellings people also type (`==`, `≥`) mapped to ours. */
const OPERATORS: ReadonlyArray<[string, Operator]> = [
  ["<=", "<="],
  [">=", ">="],
  ["!=", "!="],
  ["==", "="],
  ["<>", "!="],
  ["≤", "<="],
  ["≥", ">="],
  ["≠", "!="],
  ["<", "<"],
  [">", ">"],
  ["=", "="],
  ["(", "("],
  [")", ")"],
  [",", ","],
  ["[", "["],
  ["]", "]"],
  [".", "."],
];

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/** Splits an expression into tokens with their offsets; `#` starts a comment to the end of the line. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] as string;
    if (/\s/.test(char)) {
      at++;
    } else if (char === "#") {
      while (at < source.length && source[at] !== "\n") at++;
    } else if (char === '"' || char === "'") {
      const token = readString(source, at, char);
      tokens.push(token);
      at = token.end;
    } else if (DIGIT.test(char)) {
      const token = readNumber(source, at);
      tokens.push(token);
      at = token.end;
    } else if (IDENT_START.test(char)) {
      let end = at + 1;
      while (end < source.length && IDENT_PART.test(source[end] as string)) end++;
      tokens.push({ kind: "ident", text: source.slice(at, end), start: at, end });
      at = end;
    } else {
      const found = OPERATORS.find(([spelling]) => source.startsWith(spelling, at));
      if (!found) throw new ExpressionError(at, `unexpected character ${JSON.stringify(char)}`);
      const [spelling, op] = found;
      tokens.push({ kind: "op", text: op, start: at, end: at + spelling.length });
      at += spelling.length;
    }
  }
  tokens.push({ kind: "eof", text: "", start: source.length, end: source.length });
  return tokens;
}

function readString(source: string, start: number, quote: string): Token {
  let value = "";
  let at = start + 1;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === quote) {
      return { kind: "string", text: source.slice(start, at + 1), value, start, end: at + 1 };
    }
    if (char === "\\") {
      const next = source[at + 1];
      if (next !== quote && next !== "\\") {
        throw new ExpressionError(at, `unknown escape in a string: only \\${quote} and \\\\ are allowed`);
      }
      value += next;
      at += 2;
    } else if (char === "\n") {
      break;
    } else {
      value += char;
      at++;
    }
  }
  throw new ExpressionError(start, `this string is not closed: add a ${quote} at its end`);
}

/** `2`, `0.5`, or a duration: a whole number and a unit with nothing between (`30m`, `4h`, `90d`, `2w`). */
function readNumber(source: string, start: number): Token {
  let end = start;
  while (end < source.length && DIGIT.test(source[end] as string)) end++;
  if (source[end] === "." && DIGIT.test(source[end + 1] ?? "")) {
    end++;
    while (end < source.length && DIGIT.test(source[end] as string)) end++;
  }
  const digits = source.slice(start, end);
  let suffixEnd = end;
  while (suffixEnd < source.length && IDENT_PART.test(source[suffixEnd] as string)) suffixEnd++;
  const suffix = source.slice(end, suffixEnd);
  if (suffix === "") return { kind: "number", text: digits, value: Number(digits), start, end };
  const text = source.slice(start, suffixEnd);
  if (!isDurationUnit(suffix) || digits.includes(".")) {
    throw new ExpressionError(
      start,
      `"${text}" is neither a number nor a duration; durations are a whole number and one of s, m, h, d, w (like 30m, 4h, 90d, 2w)`,
    );
  }
  return { kind: "duration", text, amount: Number(digits), unit: suffix, start, end: suffixEnd };
}
