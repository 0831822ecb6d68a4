import { z } from "zod";
import { newId } from "../shared/ids.js";
import { notFound, validationError } from "./errors.js";
import type { ScheduleOverrideRecord, ScheduleRecord } from "./model-oncall.js";
import {
  isEmptyReference,
  parseInstant,
  resolveUserReference,
  userReferencePayload,
} from "./oncall-references.js";
import { renderUser } from "./render.js";
import { liveSchedule } from "./schedules.js";
import type { EmulatorState } from "./state.js";

/**
 * Schedule overrides: someone on call instead of the rotation, on one layer of one rotation, for a while. A user
 * reference with no member set (`"user": {}`) puts no one on call there.
 */

const overrideFields = {
  rotation_id: z.string(),
  layer_id: z.string(),
  start_at: z.string(),
  end_at: z.string(),
  user: userReferencePayload,
};
export const createOverridePayload = z.object({ schedule_id: z.string(), ...overrideFields });
export const updateOverridePayload = z.object(overrideFields);
type OverrideInput = z.infer<typeof updateOverridePayload>;

/** The longest override accepted: a year. Longer ones are almost always a mistyped date. */
const MAX_OVERRIDE_MS = 366 * 24 * 3_600_000;

export function requireOverride(state: EmulatorState, id: string): ScheduleOverrideRecord {
  const override = state.get("schedule_overrides", id);
  if (!override || !liveSchedule(state, override.schedule_id)) throw notFound("schedule override", id);
  return override;
}

export function createOverride(
  state: EmulatorState,
  now: number,
  input: z.infer<typeof createOverridePayload>,
): ScheduleOverrideRecord {
  const schedule = liveSchedule(state, input.schedule_id);
  if (!schedule) {
    throw validationError(
      "schedule_id",
      `No schedule with ID "${input.schedule_id}"; GET /v2/schedules lists them.`,
    );
  }
  const at = new Date(now).toISOString();
  const override: ScheduleOverrideRecord = {
    id: newId(now),
    schedule_id: schedule.id,
    ...overrideValues(state, schedule, input),
    created_at: at,
    updated_at: at,
  };
  state.commit([{ collection: "schedule_overrides", id: override.id, record: override }]);
  return override;
}

export function updateOverride(
  state: EmulatorState,
  now: number,
  current: ScheduleOverrideRecord,
  input: OverrideInput,
): ScheduleOverrideRecord {
  const schedule = liveSchedule(state, current.schedule_id) as ScheduleRecord;
  const { user_id: _previousUser, ...kept } = current;
  const override: ScheduleOverrideRecord = {
    ...kept,
    ...overrideValues(state, schedule, input),
    updated_at: new Date(now).toISOString(),
  };
  state.commit([{ collection: "schedule_overrides", id: override.id, record: override }]);
  return override;
}

/** Removes the override: whoever the rotations put on call for its window is on call again. */
export function deleteOverride(state: EmulatorState, current: ScheduleOverrideRecord): void {
  state.commit([{ collection: "schedule_overrides", id: current.id }]);
}

function overrideValues(
  state: EmulatorState,
  schedule: ScheduleRecord,
  input: OverrideInput,
): Pick<ScheduleOverrideRecord, "rotation_id" | "layer_id" | "user_id" | "start_at" | "end_at"> {
  const versions = schedule.rotations.filter((rotation) => rotation.id === input.rotation_id);
  if (versions.length === 0) {
    throw validationError(
      "rotation_id",
      `Schedule "${schedule.name}" has no rotation "${input.rotation_id}"; its rotations are: ${
        [...new Set(schedule.rotations.map((r) => `${r.id} (${r.name})`))].join(", ") || "none"
      }.`,
    );
  }
  const layers = versions.flatMap((rotation) => rotation.layers);
  if (!layers.some((layer) => layer.id === input.layer_id)) {
    throw validationError(
      "layer_id",
      `Rotation "${versions[0]?.name}" has no layer "${input.layer_id}"; its layers are: ${layers
        .map((l) => `${l.id} (${l.name})`)
        .join(", ")}.`,
    );
  }
  const start = parseInstant(input.start_at, "start_at");
  const end = parseInstant(input.end_at, "end_at");
  if (end <= start) throw validationError("end_at", "end_at must be after start_at.");
  if (end - start > MAX_OVERRIDE_MS) {
    throw validationError("end_at", "An override can last at most a year; change the rotation instead.");
  }
  const user = isEmptyReference(input.user) ? undefined : resolveUserReference(state, input.user, "user");
  return {
    rotation_id: input.rotation_id,
    layer_id: input.layer_id,
    ...(user ? { user_id: user.id } : {}),
    start_at: new Date(start).toISOString(),
    end_at: new Date(end).toISOString(),
  };
}

/** `ScheduleOverrideV2`. */
export function renderOverride(state: EmulatorState, override: ScheduleOverrideRecord) {
  const user = override.user_id ? state.get("users", override.user_id) : undefined;
  return {
    id: override.id,
    schedule_id: override.schedule_id,
    rotation_id: override.rotation_id,
    layer_id: override.layer_id,
    start_at: override.start_at,
    end_at: override.end_at,
    ...(user ? { user: renderUser(user) } : {}),
    created_at: override.created_at,
    updated_at: override.updated_at,
  };
}
