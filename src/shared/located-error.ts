import { IncidentKitError } from "./errors.js";

/** One problem at one place of a file. */
export interface LocatedProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The setting at fault; empty for the file as a whole. */
  field: string;
  /** What is wrong, and what to write instead. */
  problem: string;
}

/**
 * A file that cannot be used, pointing at the place at fault: `rules.yaml:14:5: rules[2].name: required`. The
 * rules file, the hub config and scorecards each name their own kind of it. A configuration problem (`config`):
 * the problem itself says what is wrong, the hint where to change it.
 */
export class LocatedError extends IncidentKitError {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The setting at fault, e.g. `rules[2].match.severity`; empty for the file as a whole. */
  readonly field: string;
  /** The problem alone, without the position. */
  readonly problem: string;
  /**
   * Every problem found, this one (the first in the file) first: a file checked whole lists them all, one line of
   * the message each, so one run shows everything to correct.
   */
  readonly problems: readonly LocatedProblem[];

  constructor(
    file: string,
    line: number,
    column: number,
    field: string,
    problem: string,
    hint?: string,
    more: readonly LocatedProblem[] = [],
  ) {
    const problems = [{ line, column, field, problem }, ...more];
    super({
      code: "config",
      message: problems.map((each) => `${file}:${each.line}:${each.column}: ${located(each)}`).join("\n"),
      hint:
        hint ??
        (more.length === 0
          ? `correct ${file} at line ${line}, column ${column}, then try again`
          : `correct ${file} at each of these ${problems.length} places, then try again`),
    });
    this.problems = problems;
    this.name = "LocatedError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }
}

function located(problem: LocatedProblem): string {
  return `${problem.field ? `${problem.field}: ` : ""}${problem.problem}`;
}
