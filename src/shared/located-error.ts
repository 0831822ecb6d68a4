/**
 * A file that cannot be used, pointing at the place at fault: `rules.yaml:14:5: rules[2].name: required`. The
 * rules file, the hub config and scorecards each name their own kind of it.
 */
export class LocatedError extends Error {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The setting at fault, e.g. `rules[2].match.severity`; empty for the file as a whole. */
  readonly field: string;
  /** The problem alone, without the position. */
  readonly problem: string;

  constructor(file: string, line: number, column: number, field: string, problem: string) {
    super(`${file}:${line}:${column}: ${field ? `${field}: ` : ""}${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }
}
