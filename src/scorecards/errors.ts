import { IncidentKitError } from "../shared/errors.js";
import { LocatedError } from "../shared/located-error.js";

/**
 * A problem inside one expression, at a character offset of the expression's own text; the loader turns it into a
 * `ScorecardError` at the file, line and column where that character is.
 */
export class ExpressionError extends IncidentKitError {
  /** 0-based offset into the expression. */
  readonly offset: number;

  constructor(offset: number, message: string) {
    super({
      code: "config",
      message,
      hint: "correct the expression at the character named; docs/scorecards.md describes the rule language",
    });
    this.name = "ExpressionError";
    this.offset = offset;
  }
}

/** A scorecard file that cannot be used: `reliability.yaml:12:24: levels[1].rules[0].expression: <problem>`. */
export class ScorecardError extends LocatedError {
  override readonly name = "ScorecardError";
}
