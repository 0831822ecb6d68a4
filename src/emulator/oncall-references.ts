import { z } from "zod";
import { isTimeZone } from "../shared/time-zone.js";
import { validationError } from "./errors.js";
import type { UserRecord } from "./model.js";
import type { EmulatorState } from "./state.js";
import { teamEntry } from "./teams.js";
import { minutesOfDay } from "./zoned-time.js";

/**
 * What on-call request bodies refer to, checked the same way everywhere: users (`UserReferencePayloadV2`), teams,
 * time zones, instants and weekly intervals. Each refusal names the field and what would be accepted.
 */

export const userReferencePayload = z.object({
  id: z.string().optional(),
  email: z.string().optional(),
  slack_user_id: z.string().optional(),
});
export type UserReferencePayload = z.infer<typeof userReferencePayload>;

export const weekdayIntervalPayload = z.object({
  weekday: z.enum(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
  start_time: z.string(),
  end_time: z.string(),
});

/** Whether the reference names no one: every member left out. */
export function isEmptyReference(ref: UserReferencePayload): boolean {
  return ref.id === undefined && ref.email === undefined && ref.slack_user_id === undefined;
}

/** The active user every given member of `ref` matches. People who were deactivated cannot be on call. */
export function resolveUserReference(
  state: EmulatorState,
  ref: UserReferencePayload,
  field: string,
): UserRecord {
  if (isEmptyReference(ref)) {
    throw validationError(field, `${field} needs one of id, email or slack_user_id.`, "is_required");
  }
  for (const user of state.values("users")) {
    if (ref.id !== undefined && user.id !== ref.id) continue;
    if (ref.email !== undefined && user.email.toLowerCase() !== ref.email.toLowerCase()) continue;
    if (ref.slack_user_id !== undefined && user.slack_user_id !== ref.slack_user_id) continue;
    if (!user.is_active) {
      throw validationError(
        field,
        `${user.name} is deactivated and cannot be on call; choose an active user.`,
      );
    }
    return user;
  }
  throw validationError(
    field,
    `No user matches ${field} (by id, email or slack_user_id); GET /v2/users lists them.`,
  );
}

/** Every ID must name a team: a live entry of the catalog's team type. */
export function checkTeamIds(state: EmulatorState, ids: readonly string[], field: string): string[] {
  ids.forEach((id, index) => {
    if (!teamEntry(state, id)) {
      throw validationError(
        `${field}.${index}`,
        `"${id}" is not a team: team IDs are the IDs of entries of the catalog's Team type.`,
      );
    }
  });
  return [...new Set(ids)];
}

export function checkTimeZone(timeZone: string, field: string): string {
  if (!isTimeZone(timeZone)) {
    throw validationError(
      field,
      `"${timeZone}" is not a time zone: use an IANA name such as Europe/London or UTC.`,
    );
  }
  return timeZone;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 date-time as epoch milliseconds. */
export function parseInstant(value: string, field: string): number {
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw validationError(
      field,
      `${field} must be an RFC 3339 date-time such as 2025-06-02T09:00:00Z; got "${value}".`,
    );
  }
  return ms;
}

/** Weekly intervals with well-formed times ("HH:MM", 24-hour). */
export function checkIntervals<T extends { start_time: string; end_time: string }>(
  intervals: readonly T[],
  field: string,
): T[] {
  intervals.forEach((interval, index) => {
    for (const key of ["start_time", "end_time"] as const) {
      if (minutesOfDay(interval[key]) === undefined) {
        throw validationError(
          `${field}.${index}.${key}`,
          `${key} must be a 24-hour time such as 09:00; got "${interval[key]}".`,
        );
      }
    }
  });
  return [...intervals];
}
