import { RE2JS, RE2JSException, RE2JSSyntaxException } from "re2js";
import { IncidentKitError } from "../../shared/errors.js";

/**
 * A `labels_match` pattern, compiled. Patterns use RE2 syntax, the dialect of Alertmanager's `=~` matchers (Go's
 * `regexp`), and RE2 matches in time linear in the label's length whatever the pattern: a JavaScript RegExp such
 * as `^([a-z0-9]+-?)+$` backtracks exponentially on a label that almost matches, and the hub is one thread.
 *
 * Unlike Alertmanager, which anchors a matcher at both ends, `test` looks for the pattern anywhere in the value:
 * rules files have always been read that way ("use ^ and $"), and anchoring now would silently change what
 * existing rules match.
 */
export interface LabelPattern {
  /** The pattern as written in the rules file. */
  readonly source: string;
  /** Whether the pattern is found anywhere in `value`. */
  test(value: string): boolean;
}

/** A pattern RE2 refuses; the message is RE2's own, plus what to do when the pattern relies on JavaScript. */
export class PatternError extends IncidentKitError {
  constructor(message: string) {
    super({ code: "config", message, hint: `write the pattern in ${DIALECT}` });
    this.name = "PatternError";
  }
}

const DIALECT = "RE2 syntax, as Alertmanager's matchers";
const NO_LOOKAROUND = `${DIALECT}: no lookaround or backreferences`;

/** Compiles `source` with RE2's default (Perl-like) flags, exactly as Go's `regexp.Compile` would read it. */
export function compilePattern(source: string): LabelPattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    if (error instanceof RE2JSException) throw new PatternError(describe(error));
    throw error;
  }
  return { source, test: (value) => compiled.test(value) };
}

function describe(error: RE2JSException): string {
  const detail = error.message.replace(/^error parsing regexp: /, "");
  return `invalid regular expression: ${detail} (${isJavaScriptOnly(error) ? NO_LOOKAROUND : DIALECT})`;
}

/**
 * Whether RE2 refused a construct only backtracking engines have. RE2 reports `(?=` and `(?!` as unsupported Perl
 * syntax, `(?<=` and `(?<!` as a bad named group, and `\1` or `\k<name>` as an unknown escape.
 */
function isJavaScriptOnly(error: RE2JSException): boolean {
  if (!(error instanceof RE2JSSyntaxException)) return false;
  const at = error.input ?? "";
  switch (error.error) {
    case "invalid or unsupported Perl syntax":
      return at.startsWith("(?=") || at.startsWith("(?!");
    case "invalid named capture":
      return at.startsWith("(?<=") || at.startsWith("(?<!");
    case "invalid escape sequence":
      return /^\\([1-9]|k)/.test(at);
    default:
      return false;
  }
}
