/**
 * A problem inside one expression, at a character offset of the expression's own text; the loader turns it into a
 * `ScorecardError` at the file, line and column where that character is.
 */
export class ExpressionError extends Error {
  /** 0-based offset into the expression. */
  readonly offset: number;

  constructor(offset: number, message: string) {
    super(message);
    this.name = "ExpressionError";
    this.offset = offset;
  }
}

/** A scorecard file that cannot be used: `reliability.yaml:12:24: levels[1].rules[0].expression: <problem>`. */
export class ScorecardError extends Error {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The setting at fault, e.g. `levels[1].rules[0].expression`; empty for the file as a whole. */
  readonly field: string;
  /** The problem alone, without the position. */
  readonly problem: string;

  constructor(file: string, line: number, column: number, field: string, problem: string) {
    super(`${file}:${line}:${column}: ${field ? `${field}: ` : ""}${problem}`);
    this.name = "ScorecardError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }
}
