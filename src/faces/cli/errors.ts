import { CommanderError } from "commander";
import { IncidentKitError } from "../../api/index.js";

/** A command used wrongly: exit code 2, with what to type instead. */
export class UsageError extends IncidentKitError {
  constructor(message: string, hint = "run the command with --help for its options and examples") {
    super({ code: "usage", message, hint });
    this.name = "UsageError";
  }
}

/** Exit codes, documented in the README: 0 ok, 1 failure, 2 usage, 3 auth, 4 not found, 5 rate limited. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (!(error instanceof IncidentKitError)) return 1;
  switch (error.code) {
    case "usage":
    case "invalid_argument":
      return 2;
    case "config":
    case "unauthorized":
    case "forbidden":
      return 3;
    case "not_found":
      return 4;
    case "rate_limited":
      return 5;
    default:
      return 1;
  }
}

/** What the user reads on stderr: the message, then what to do about it. Never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof IncidentKitError) return `error: ${error.message}\nhint: ${error.hint}\n`;
  return `error: ${error instanceof Error ? error.message : String(error)}\n`;
}

/** The error as `--json` mode prints it on stderr: `{ "error": { code, message, hint, retryable } }`. */
export function describeErrorAsJson(error: unknown): string {
  const body =
    error instanceof IncidentKitError
      ? { code: error.code, message: error.message, hint: error.hint, retryable: error.retryable }
      : {
          code: "internal",
          message: error instanceof Error ? error.message : String(error),
          hint: "this is a bug in incidentkit; please report it with the command you ran",
          retryable: false,
        };
  return `${JSON.stringify({ error: body })}\n`;
}

/** A usage error Commander reported (unknown option, missing argument), in the `--json` error shape. */
export function describeUsageAsJson(commanderMessage: string): string {
  return describeErrorAsJson(new UsageError(commanderMessage.replace(/^error:\s*/, "").trim()));
}
