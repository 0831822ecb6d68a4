import type { Context } from "hono";
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
 * A request's ID, method and path, for the lines logged while it is answered. Passed by hand, not found through
 * an AsyncLocalStorage: that would put hooks on every promise the hub makes, alert intake's included.
 */
export function requestFields(c: Context): LogFields {
  return { request_id: requestIdOf(c), method: c.req.method, path: c.req.path };
}

/**
 * Logs one failure the hub handled, at error: its message, the error (with its stack, redacted), the job and
 * `fields` (in a request, its `requestFields`). Every failure goes through here once, where it is handled.
 */
export function logFailure(logger: Logger, job: HubJob, error: unknown, fields: LogFields = {}): void {
  logger.error({ job, ...fields, err: error }, errorMessage(error));
}

/** `logFailure` for one job, in the shape the hub's parts take as `onError`. */
export function failureReporter(logger: Logger, job: HubJob): (error: unknown) => void {
  return (error) => logFailure(logger, job, error);
}
