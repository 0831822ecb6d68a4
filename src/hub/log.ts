import { tryGetContext } from "hono/context-storage";
import { errorMessage } from "../shared/error-message.js";
import type { Logger } from "../shared/logger.js";
import { requestIdOf } from "../shared/request-id.js";

/** What the hub was doing when something failed: each failure's log line says which (`job`). */
export type HubJob =
  | "request"
  | "outbox"
  | "mirror"
  | "webhook"
  | "investigation"
  | "scorecard runs"
  | "catalog push"
  | "retention"
  | "leadership"
  | "sign-in";

/** The fields an operator searches a failure's line by: alert, group, incident and account IDs. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * The request under way, as hono's context storage holds it: its ID, method and path. Read only for failures that
 * happen while a request is answered; background jobs started by a request (a retry timer) would carry its ID
 * for ever after.
 */
export function requestFields(): LogFields {
  const c = tryGetContext();
  if (!c) return {};
  return { request_id: requestIdOf(c), method: c.req.method, path: c.req.path };
}

/**
 * Logs one failure the hub handled, at error: its message, the error (with its stack, redacted), the job and
 * `fields`; in a request, the request's ID too. Every failure goes through here once, where it is handled.
 */
export function logFailure(logger: Logger, job: HubJob, error: unknown, fields: LogFields = {}): void {
  logger.error(
    { job, ...(job === "request" ? requestFields() : {}), ...fields, err: error },
    errorMessage(error),
  );
}

/** `logFailure` for one job, in the shape the hub's parts take as `onError`. */
export function failureReporter(logger: Logger, job: HubJob): (error: unknown) => void {
  return (error) => logFailure(logger, job, error);
}
