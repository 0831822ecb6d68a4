import { LocatedError } from "../../shared/located-error.js";

/** A rules file that cannot be used, pointing at the line at fault: `rules.yaml:14:5: rules[2].name: required`. */
export class RulesError extends LocatedError {
  override readonly name = "RulesError";
}
