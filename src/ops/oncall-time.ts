import { DURATION_HINT, parseDuration } from "../shared/duration.js";
import { invalidArgument } from "./invalid-argument.js";

/** An ISO 8601 date-time with at least hours and minutes, e.g. 2026-05-01T18:00Z or 2026-05-01T18:00:00+01:00. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A moment on an on-call question: an ISO 8601 date-time, or a duration in the one grammar ("8h", "2d") meaning that
 * long from `now`. On-call questions look ahead ("who is on call in 8 hours", "cover until 2d from now"), so a bare
 * duration counts forward here; a moment in the past is given as a date-time.
 */
export function momentOf(field: string, raw: string, now: number): number {
  const text = raw.trim();
  const ahead = parseDuration(text);
  if (ahead !== undefined) return now + ahead;
  const at = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) {
    throw invalidArgument(
      `${field} ${JSON.stringify(raw)} is neither a date-time nor a duration`,
      `give an ISO 8601 date-time such as 2026-05-01T18:00:00Z, or a duration from now (${DURATION_HINT})`,
    );
  }
  return at;
}

/** `raw` as a moment, or `now` when not given. */
export function momentOrNow(field: string, raw: string | undefined, now: number): number {
  return raw === undefined || raw.trim() === "" ? now : momentOf(field, raw, now);
}
