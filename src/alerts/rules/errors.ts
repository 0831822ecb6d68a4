/** A rules file that cannot be used, pointing at the line at fault: `rules.yaml:14:5: rules[2].name: required`. */
export class RulesError extends Error {
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
    this.name = "RulesError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }
}
