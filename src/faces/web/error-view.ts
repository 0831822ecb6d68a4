import type { ContentfulStatusCode } from "hono/utils/http-status";
import { redact } from "../../api/index.js";
import { toIncidentKitError } from "../../shared/errors.js";

/** An error as a page shows it: the family's fields with secrets removed, and the status to answer with. */
export interface ErrorView {
  code: string;
  message: string;
  hint: string;
  retryable: boolean;
  /** Whether the error is one the code expected (anything but `internal`): only then is its hint about it. */
  known: boolean;
  status: ContentfulStatusCode;
}

const INTERNAL_HINT = "reload to try again; if it keeps failing, the hub's log says more";

/** The family's codes that are the asker's doing; every other failure is the hub's (500). */
const STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  usage: 400,
  invalid_argument: 400,
  not_found: 404,
};

/** Any thrown value as the web UI shows it: message and hint, never a stack; an unknown error as `internal`. */
export function errorView(error: unknown): ErrorView {
  const family = toIncidentKitError(error, INTERNAL_HINT);
  return {
    code: family.code,
    message: redact(family.message),
    hint: redact(family.hint),
    retryable: family.retryable,
    known: family.code !== "internal",
    status: STATUS[family.code] ?? 500,
  };
}

/** A hint as a sentence of its own, with a full stop; capitalised unless it starts with a name (incident.io). */
export function hintSentence(hint: string): string {
  const trimmed = hint.trim().replace(/\.$/, "");
  if (trimmed === "") return "";
  const firstWord = trimmed.split(/\s/, 1)[0] ?? "";
  return /[./_:]/.test(firstWord) ? `${trimmed}.` : `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}
