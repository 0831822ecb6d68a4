import { durationMs } from "../shared/duration.js";
import type { CompareOp, DurationLiteral, Expr, IncidentSet } from "./ast.js";
import { ExpressionError } from "./errors.js";
import { type Token, tokenize } from "./tokens.js";

const COMPARE_OPS = new Set<string>(["<", "<=", "=", "!=", ">=", ">"]);

/**
 * Parses one rule expression (grammar below) into a tree with offsets; throws `ExpressionError` only.
 *
 *   expr      = and { "or" and }
 *   and       = unary { "and" unary }
 *   unary     = "not" unary | predicate
 *   predicate = primary [ op primary | "contains" primary | ["not"] "in" "(" list ")"
 *                       | "is" ["not"] "set" | "within" DURATION ]
 *   primary   = NUMBER | DURATION | STRING | true | false | "(" expr ")" | set
 *             | NAME "(" [ expr { "," expr } ] ")" | ["entity" "."] NAME [ "[" STRING "]" ]
 *   set       = ["all"] "incidents" tail | "last" "incident" tail
 *   tail      = [ "within" DURATION ] [ "where" expr ] [ "within" DURATION ]
 */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source));
  const expr = parser.expr();
  parser.expectEnd();
  return expr;
}

/** Deeper nesting than any rule needs; refusing it keeps a hostile expression from exhausting the stack. */
const MAX_DEPTH = 64;
/** Likewise for chains of "and" and "or", which nest as they are read. */
const MAX_TERMS = 256;

class Parser {
  private at = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.at++;
    return token;
  }

  private isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === "ident" && token.text === word;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === "op" && token.text === op;
  }

  private fail(token: Token, expected: string): never {
    const found = token.kind === "eof" ? "the end of the expression" : `"${token.text}"`;
    throw new ExpressionError(token.start, `expected ${expected}, found ${found}`);
  }

  private expectOp(op: string, expected = `"${op}"`): Token {
    if (!this.isOp(op)) this.fail(this.peek(), expected);
    return this.next();
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === "eof") return;
    if (token.kind === "op" && token.text === ")") {
      throw new ExpressionError(token.start, 'this ")" has no "(" to close');
    }
    this.fail(token, '"and", "or" or the end of the expression');
  }

  private term(): void {
    const token = this.next();
    if (++this.terms > MAX_TERMS) {
      throw new ExpressionError(token.start, `this expression joins more than ${MAX_TERMS} conditions`);
    }
  }

  expr(): Expr {
    let left = this.and();
    while (this.isWord("or")) {
      this.term();
      const right = this.and();
      left = { kind: "or", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.isWord("and")) {
      this.term();
      const right = this.unary();
      left = { kind: "and", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    if (++this.depth > MAX_DEPTH) {
      throw new ExpressionError(this.peek().start, `this expression nests deeper than ${MAX_DEPTH} levels`);
    }
    try {
      if (this.isWord("not")) {
        const start = this.next().start;
        const operand = this.unary();
        return { kind: "not", operand, start, end: operand.end };
      }
      return this.predicate();
    } finally {
      this.depth--;
    }
  }

  private predicate(): Expr {
    const left = this.primary();
    const token = this.peek();
    if (token.kind === "op" && COMPARE_OPS.has(token.text)) {
      this.next();
      const right = this.primary();
      const op = token.text as CompareOp;
      return { kind: "compare", op, left, right, opStart: token.start, start: left.start, end: right.end };
    }
    if (this.isWord("contains")) {
      this.next();
      const right = this.primary();
      return { kind: "contains", left, right, opStart: token.start, start: left.start, end: right.end };
    }
    if (this.isWord("in") || (this.isWord("not") && this.isWord("in", 1))) {
      const negated = this.isWord("not");
      if (negated) this.next();
      this.next();
      this.expectOp("(", '"(" and a list of values after "in"');
      const options = [this.primary()];
      while (this.isOp(",")) {
        this.next();
        options.push(this.primary());
      }
      const close = this.expectOp(")", '"," or ")"');
      return {
        kind: "in",
        operand: left,
        options,
        negated,
        opStart: token.start,
        start: left.start,
        end: close.end,
      };
    }
    if (this.isWord("is")) {
      this.next();
      const negated = this.isWord("not");
      if (negated) this.next();
      if (!this.isWord("set"))
        this.fail(this.peek(), negated ? '"set" after "is not"' : '"set" or "not set" after "is"');
      const end = this.next().end;
      return { kind: "is_set", operand: left, negated, start: left.start, end };
    }
    if (this.isWord("within") && left.kind === "name") {
      this.next();
      const window = this.duration("within");
      return { kind: "within", operand: left, window, start: left.start, end: window.end };
    }
    return left;
  }

  private duration(after: string): DurationLiteral {
    const token = this.peek();
    if (token.kind !== "duration") this.fail(token, `a duration after "${after}" (like 90d)`);
    this.next();
    const { text, amount, unit, start, end } = token;
    return { kind: "duration", text, amount, unit, ms: durationMs(amount, unit), start, end };
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case "number":
        this.next();
        return { kind: "number", value: token.value, text: token.text, start: token.start, end: token.end };
      case "duration":
        return this.duration("");
      case "string":
        this.next();
        return { kind: "string", value: token.value, start: token.start, end: token.end };
      case "op":
        if (token.text === "(") {
          this.next();
          const inner = this.expr();
          const close = this.expectOp(")", '"and", "or" or ")"');
          return { ...inner, start: token.start, end: close.end };
        }
        return this.fail(token, 'a value, a name or "("');
      case "ident":
        return this.word(token);
      default:
        return this.fail(token, 'a value, a name or "("');
    }
  }

  private word(token: Token & { kind: "ident" }): Expr {
    const { text, start } = token;
    if (text === "true" || text === "false") {
      this.next();
      return { kind: "bool", value: text === "true", start, end: token.end };
    }
    if (text === "incidents" || (text === "all" && this.isWord("incidents", 1))) {
      return this.set(false);
    }
    if (text === "last") {
      if (!this.isWord("incident", 1)) this.fail(this.peek(1), '"incident" after "last"');
      return this.set(true);
    }
    if (text === "incident") this.fail(token, '"incidents", or "last incident"');
    this.next();
    if (this.isOp("(")) return this.call(text, start);
    let target: Expr = { kind: "name", name: text, start, end: token.end };
    if (text === "entity") {
      this.expectOp(".", '"." and a field after "entity" (like entity.owner)');
      const field = this.next();
      if (field.kind !== "ident") this.fail(field, 'a field after "entity." (like entity.owner)');
      target = { kind: "entity", name: field.text, nameStart: field.start, start, end: field.end };
    }
    if (this.isOp("[")) {
      this.next();
      const key = this.next();
      if (key.kind !== "string") this.fail(key, 'a quoted key inside "[ ]" (like annotations["team"])');
      const close = this.expectOp("]");
      target = { kind: "index", target, key: key.value, start, end: close.end };
    }
    return target;
  }

  private call(name: string, start: number): Expr {
    this.expectOp("(");
    const args: Expr[] = [];
    if (!this.isOp(")")) {
      args.push(this.expr());
      while (this.isOp(",")) {
        this.next();
        args.push(this.expr());
      }
    }
    const close = this.expectOp(")", '"," or ")"');
    return { kind: "call", name, args, start, end: close.end };
  }

  private set(last: boolean): IncidentSet {
    const start = this.peek().start;
    const all = !last && this.isWord("all");
    if (all || last) this.next();
    let end = this.next().end;
    let within: DurationLiteral | null = null;
    let where: Expr | null = null;
    if (this.isWord("within")) {
      this.next();
      within = this.duration("within");
      end = within.end;
    }
    if (this.isWord("where")) {
      this.next();
      where = this.expr();
      end = where.end;
    }
    if (this.isWord("within")) {
      const token = this.next();
      if (within) throw new ExpressionError(token.start, 'this set already has a "within"');
      within = this.duration("within");
      end = within.end;
    }
    return { kind: "incidents", all, last, where, within, start, end };
  }
}
