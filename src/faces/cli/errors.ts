import { CommanderError } from "@commander-js/extra-typings";
import { IncidentKitError, redact } from "../../api/index.js";
import { toIncidentKitError } from "../../shared/errors.js";

/** A command used wrongly: exit code 2, with what to type instead. */
export class UsageError extends IncidentKitError {
  constructor(message: string, hint = "run the command with --help for its options and examples") {
    super({ code: "usage", message, hint });
    this.name = "UsageError";
  }
}

/** What an error outside the family is told to do: it is not one the code expected. */
const INTERNAL_HINT =
  "an unexpected failure inside incidentkit: if it happens again, report it with the command you ran";

/**
 * Exit codes by the family's code, documented in docs/cli.md: 0 ok, 1 failure, 2 usage or an invalid argument,
 * 3 authentication or configuration, 4 not found, 5 rate limited.
 */
const EXIT_CODES: Readonly<Record<string, number>> = {
  usage: 2,
  invalid_argument: 2,
  config: 3,
  unauthorized: 3,
  forbidden: 3,
  not_found: 4,
  rate_limited: 5,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  return EXIT_CODES[toIncidentKitError(error).code] ?? 1;
}

/** The fields every face renders, with any secret removed: an unknown error may quote whatever it was given. */
function shown(error: unknown): { code: string; message: string; hint: string; retryable: boolean } {
  const family = toIncidentKitError(error, INTERNAL_HINT);
  return {
    code: family.code,
    message: redact(family.message),
    hint: redact(family.hint),
    retryable: family.retryable,
  };
}

/** What the user reads on stderr: the message, then what to do about it. Never a stack trace. */
export function describeError(error: unknown): string {
  const { message, hint } = shown(error);
  return `error: ${message}\nhint: ${hint}\n`;
}

/** The error as `--json` mode prints it on stderr: `{ "error": { code, message, hint, retryable } }`. */
export function describeErrorAsJson(error: unknown): string {
  return `${JSON.stringify({ error: shown(error) })}\n`;
}

/** A usage error Commander reported (unknown option, missing argument), in the `--json` error shape. */
export function describeUsageAsJson(commanderMessage: string): string {
  return describeErrorAsJson(new UsageError(commanderMessage.replace(/^error:\s*/, "").trim()));
}
