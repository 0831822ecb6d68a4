import { z } from "zod";
import { PaginationMeta, User } from "./common.js";
import { openEnum } from "./open-enum.js";

/** On-call schedules (Schedules V2): rotations of people handing over on a cadence, overrides, and entries. */

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export const HANDOVER_INTERVAL_TYPES = ["hourly", "daily", "weekly"] as const;

/**
 * `ScheduleEntryV2`: one shift. Entries from the rotation rules have no `entry_id` (they are worked out, not
 * stored); `fingerprint` names the shift the same way in every answer.
 */
export const ScheduleEntry = z.looseObject({
  start_at: z.string(),
  end_at: z.string(),
  rotation_id: z.string().optional(),
  layer_id: z.string().optional(),
  entry_id: z.string().optional(),
  fingerprint: z.string().optional(),
  /** Absent when no one is on call for the shift (an override with no one). */
  user: User.optional(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** `ScheduleRotationWorkingIntervalV2`: local times ("09:00") in the schedule's time zone. */
export const WeekdayInterval = z.looseObject({
  weekday: openEnum(WEEKDAYS),
  start_time: z.string(),
  end_time: z.string(),
});
export type WeekdayInterval = z.infer<typeof WeekdayInterval>;

/** `ScheduleRotationHandoverV2`. */
export const ScheduleHandover = z.looseObject({
  interval_type: openEnum(HANDOVER_INTERVAL_TYPES),
  interval: z.number(),
});
export type ScheduleHandover = z.infer<typeof ScheduleHandover>;

/** `ScheduleLayerV2`: each layer of a rotation puts one more person on call at once. */
export const ScheduleLayer = z.looseObject({ id: z.string().optional(), name: z.string().optional() });
export type ScheduleLayer = z.infer<typeof ScheduleLayer>;

/**
 * `ScheduleRotationV2`. A rotation can appear several times with the same `id`: each version applies from its
 * `effective_from` until the next one's.
 */
export const ScheduleRotation = z.looseObject({
  id: z.string(),
  name: z.string(),
  effective_from: z.string().optional(),
  handover_start_at: z.string(),
  handovers: z.array(ScheduleHandover),
  layers: z.array(ScheduleLayer),
  users: z.array(User),
  working_intervals: z.array(WeekdayInterval),
  scheduling_mode: openEnum(["fair", "sequential"]).optional(),
});
export type ScheduleRotation = z.infer<typeof ScheduleRotation>;

/** `ScheduleV2`. `current_shifts` is who is on call now; `next_shifts` who will be after the next changeover. */
export const Schedule = z.looseObject({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  team_ids: z.array(z.string()),
  permalink: z.string(),
  annotations: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  config: z.looseObject({ rotations: z.array(ScheduleRotation) }).optional(),
  current_shifts: z.array(ScheduleEntry).optional(),
  next_shifts: z.array(ScheduleEntry).optional(),
  holidays_public_config: z.looseObject({ country_codes: z.array(z.string()) }).optional(),
});
export type Schedule = z.infer<typeof Schedule>;

/** `ScheduleOverrideV2`: someone on call instead of the rotation on one layer for a while (no `user`: no one). */
export const ScheduleOverride = z.looseObject({
  id: z.string(),
  schedule_id: z.string(),
  rotation_id: z.string(),
  layer_id: z.string(),
  start_at: z.string(),
  end_at: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  user: User.optional(),
});
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

/**
 * `ScheduleEntriesListPayloadV2`: `scheduled` (the rotations alone), `overrides`, and `final` (overrides
 * applied; the list to read "who is on call" from).
 */
export const ScheduleEntries = z.looseObject({
  scheduled: z.array(ScheduleEntry),
  overrides: z.array(ScheduleEntry),
  final: z.array(ScheduleEntry),
});
export type ScheduleEntries = z.infer<typeof ScheduleEntries>;

/** The envelopes of the schedule operations. */
export const ScheduleResult = z.looseObject({ schedule: Schedule });
export const SchedulesListResult = z.looseObject({
  schedules: z.array(Schedule),
  pagination_meta: PaginationMeta.optional(),
});
export const ScheduleEntriesListResult = z.looseObject({
  schedule_entries: ScheduleEntries,
  /** Present while there are more entries: pass `after` back as `entry_window_start`. */
  pagination_meta: z
    .looseObject({ after: z.string().optional(), after_url: z.string().optional() })
    .optional(),
});
export const ScheduleOverrideResult = z.looseObject({ override: ScheduleOverride });
export const ScheduleOverridesListResult = z.looseObject({
  overrides: z.array(ScheduleOverride),
  pagination_meta: PaginationMeta.optional(),
});
