import { z } from "zod";
import { newId } from "../shared/ids.js";
import { notFound, validationError } from "./errors.js";
import type { ScheduleRecord, ScheduleRotationRecord } from "./model-oncall.js";
import {
  checkIntervals,
  checkTeamIds,
  checkTimeZone,
  parseInstant,
  resolveUserReference,
  userReferencePayload,
  weekdayIntervalPayload,
} from "./oncall-references.js";
import { renderUser } from "./render.js";
import { type Entry, renderEntry, shiftsAround } from "./schedule-entries.js";
import type { EmulatorState } from "./state.js";

/** Schedules V2: create, update, archive and render. Entries and overrides have files of their own. */

const rotationPayload = z.object({
  id: z.string().optional(),
  name: z.string(),
  effective_from: z.string().optional(),
  handover_start_at: z.string().optional(),
  handovers: z
    .array(z.object({ interval_type: z.enum(["hourly", "daily", "weekly"]), interval: z.number().int() }))
    .optional(),
  layers: z.array(z.object({ id: z.string().optional(), name: z.string() })).optional(),
  users: z.array(userReferencePayload).optional(),
  working_intervals: z.array(weekdayIntervalPayload).optional(),
  /** Deprecated by incident.io in favour of `working_intervals`; read when that is absent. */
  working_interval: z.array(weekdayIntervalPayload).optional(),
  scheduling_mode: z.enum(["fair", "sequential"]).optional(),
});

const schedulePayload = z.object({
  name: z.string().optional(),
  timezone: z.string().optional(),
  team_ids: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  config: z.object({ rotations: z.array(rotationPayload).optional() }).optional(),
  holidays_public_config: z.object({ country_codes: z.array(z.string()) }).optional(),
});

export const createSchedulePayload = z.object({ schedule: schedulePayload });
export const updateSchedulePayload = z.object({ schedule: schedulePayload });
type SchedulePayload = z.infer<typeof schedulePayload>;
type RotationPayload = z.infer<typeof rotationPayload>;

/** The most handovers a rotation cycles through, and the longest single interval (ten years in hours). */
const MAX_HANDOVERS = 50;
const MAX_INTERVAL = 87_600;

export function liveSchedule(state: EmulatorState, id: string): ScheduleRecord | undefined {
  const schedule = state.get("schedules", id);
  return schedule && schedule.archived_at === undefined ? schedule : undefined;
}

export function requireSchedule(state: EmulatorState, id: string): ScheduleRecord {
  const schedule = liveSchedule(state, id);
  if (!schedule) throw notFound("schedule", id);
  return schedule;
}

/** Live schedules in the order they were created. */
export function liveSchedules(state: EmulatorState): ScheduleRecord[] {
  return state.list("schedules").filter((schedule) => schedule.archived_at === undefined);
}

export function createSchedule(state: EmulatorState, now: number, input: SchedulePayload): ScheduleRecord {
  const at = new Date(now).toISOString();
  const schedule: ScheduleRecord = {
    id: newId(now),
    ...scheduleFields(state, now, input, undefined),
    created_at: at,
    updated_at: at,
  };
  state.commit([{ collection: "schedules", id: schedule.id, record: schedule }]);
  return schedule;
}

/** Sets what the payload gives; `config.rotations`, when given, replaces every rotation. */
export function updateSchedule(
  state: EmulatorState,
  now: number,
  current: ScheduleRecord,
  input: SchedulePayload,
): ScheduleRecord {
  const schedule: ScheduleRecord = {
    ...current,
    ...scheduleFields(state, now, input, current),
    updated_at: new Date(now).toISOString(),
  };
  state.commit([{ collection: "schedules", id: schedule.id, record: schedule }]);
  return schedule;
}

/** Archives the schedule; its overrides stay stored but are no longer reachable. */
export function deleteSchedule(state: EmulatorState, now: number, current: ScheduleRecord): void {
  const at = new Date(now).toISOString();
  const schedule: ScheduleRecord = { ...current, archived_at: at, updated_at: at };
  state.commit([{ collection: "schedules", id: schedule.id, record: schedule }]);
}

type ScheduleFields = Omit<ScheduleRecord, "id" | "created_at" | "updated_at" | "archived_at">;

function scheduleFields(
  state: EmulatorState,
  now: number,
  input: SchedulePayload,
  current: ScheduleRecord | undefined,
): ScheduleFields {
  const name = input.name ?? current?.name;
  if (name === undefined || name.trim() === "") {
    throw validationError(
      "schedule.name",
      "schedule.name is required: what people call this schedule.",
      "is_required",
    );
  }
  const timezone = input.timezone ?? current?.timezone;
  if (timezone === undefined) {
    throw validationError(
      "schedule.timezone",
      "schedule.timezone is required: the IANA time zone handovers are in, e.g. Europe/London.",
      "is_required",
    );
  }
  checkTimeZone(timezone, "schedule.timezone");
  const holidays = input.holidays_public_config ?? current?.holidays_public_config;
  return {
    name: name.trim(),
    timezone,
    team_ids: input.team_ids
      ? checkTeamIds(state, input.team_ids, "schedule.team_ids")
      : (current?.team_ids ?? []),
    annotations: input.annotations ?? current?.annotations ?? {},
    rotations:
      input.config?.rotations !== undefined
        ? parseRotations(state, now, input.config.rotations, current?.rotations ?? [])
        : (current?.rotations ?? []),
    ...(holidays ? { holidays_public_config: holidays } : {}),
  };
}

function parseRotations(
  state: EmulatorState,
  now: number,
  input: readonly RotationPayload[],
  previous: readonly ScheduleRotationRecord[],
): ScheduleRotationRecord[] {
  const rotations = input.map((rotation, index) =>
    parseRotation(state, now, rotation, `schedule.config.rotations.${index}`, previous),
  );
  const versions = new Set<string>();
  rotations.forEach((rotation, index) => {
    const key = `${rotation.id}\u0000${rotation.effective_from ?? ""}`;
    if (versions.has(key)) {
      throw validationError(
        `schedule.config.rotations.${index}.effective_from`,
        rotation.effective_from === undefined
          ? `Rotation "${rotation.id}" has two first versions: give every version after the first an effective_from.`
          : `Rotation "${rotation.id}" has two versions effective from ${rotation.effective_from}.`,
      );
    }
    versions.add(key);
  });
  return rotations;
}

function parseRotation(
  state: EmulatorState,
  now: number,
  input: RotationPayload,
  at: string,
  previous: readonly ScheduleRotationRecord[],
): ScheduleRotationRecord {
  if (input.name.trim() === "")
    throw validationError(`${at}.name`, "A rotation needs a name.", "is_required");
  if (input.handover_start_at === undefined) {
    throw validationError(
      `${at}.handover_start_at`,
      `${at}.handover_start_at is required: when the first user in the rotation comes on shift.`,
      "is_required",
    );
  }
  const start = parseInstant(input.handover_start_at, `${at}.handover_start_at`);
  const handovers = input.handovers ?? [];
  if (handovers.length === 0 || handovers.length > MAX_HANDOVERS) {
    throw validationError(
      `${at}.handovers`,
      `${at}.handovers needs 1 to ${MAX_HANDOVERS} intervals, e.g. [{"interval_type": "weekly", "interval": 1}].`,
      handovers.length === 0 ? "is_required" : "invalid_value",
    );
  }
  handovers.forEach((handover, index) => {
    if (handover.interval < 1 || handover.interval > MAX_INTERVAL) {
      throw validationError(
        `${at}.handovers.${index}.interval`,
        `interval must be a whole number from 1 to ${MAX_INTERVAL}; got ${handover.interval}.`,
      );
    }
  });
  const id = input.id?.trim() || newId(now);
  const sameRotation = previous.filter((rotation) => rotation.id === id);
  const layers = input.layers ?? [];
  if (layers.length === 0) {
    throw validationError(
      `${at}.layers`,
      `${at}.layers needs at least one layer: each layer puts one person on call at a time.`,
      "is_required",
    );
  }
  const layerIds = new Set<string>();
  const parsedLayers = layers.map((layer, index) => {
    if (layer.name.trim() === "") {
      throw validationError(`${at}.layers.${index}.name`, "A layer needs a name.", "is_required");
    }
    const kept = sameRotation.flatMap((r) => r.layers).find((l) => l.name === layer.name);
    const layerId = layer.id?.trim() || kept?.id || newId(now);
    if (layerIds.has(layerId)) {
      throw validationError(
        `${at}.layers.${index}.id`,
        `Two layers of this rotation have the ID "${layerId}".`,
      );
    }
    layerIds.add(layerId);
    return { id: layerId, name: layer.name.trim() };
  });
  const users = (input.users ?? []).map(
    (ref, index) => resolveUserReference(state, ref, `${at}.users.${index}`).id,
  );
  const intervalsField = input.working_intervals ? "working_intervals" : "working_interval";
  const intervals = checkIntervals(
    input.working_intervals ?? input.working_interval ?? [],
    `${at}.${intervalsField}`,
  );
  return {
    id,
    name: input.name.trim(),
    ...(input.effective_from !== undefined
      ? { effective_from: new Date(parseInstant(input.effective_from, `${at}.effective_from`)).toISOString() }
      : {}),
    handover_start_at: new Date(start).toISOString(),
    handovers: handovers.map((h) => ({ interval_type: h.interval_type, interval: h.interval })),
    layers: parsedLayers,
    user_ids: users,
    working_intervals: intervals,
    ...(input.scheduling_mode ? { scheduling_mode: input.scheduling_mode } : {}),
  };
}

export function schedulePermalink(state: EmulatorState, id: string): string {
  return `https://app.incident.io/${state.organisation.slug}/on-call/schedules/${id}`;
}

/**
 * `ScheduleV2` as at `now`: `current_shifts` is who is on call then, `next_shifts` who will be after the next
 * changeover (left out when `withNextShifts` is false, as the list does for pages of more than 25).
 */
export function renderSchedule(
  state: EmulatorState,
  schedule: ScheduleRecord,
  now: number,
  options: { withNextShifts?: boolean } = {},
) {
  const { current, next } = shiftsAround(state, schedule, now);
  const entries = (list: Entry[]) => list.map((entry) => renderEntry(state, schedule, entry));
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.timezone,
    team_ids: schedule.team_ids,
    annotations: schedule.annotations,
    permalink: schedulePermalink(state, schedule.id),
    config: { rotations: schedule.rotations.map((rotation) => renderRotation(state, rotation)) },
    current_shifts: entries(current),
    next_shifts: options.withNextShifts === false ? [] : entries(next),
    ...(schedule.holidays_public_config ? { holidays_public_config: schedule.holidays_public_config } : {}),
    created_at: schedule.created_at,
    updated_at: schedule.updated_at,
  };
}

function renderRotation(state: EmulatorState, rotation: ScheduleRotationRecord) {
  const users = rotation.user_ids.flatMap((id) => {
    const user = state.get("users", id);
    return user ? [renderUser(user)] : [];
  });
  return {
    id: rotation.id,
    name: rotation.name,
    ...(rotation.effective_from ? { effective_from: rotation.effective_from } : {}),
    handover_start_at: rotation.handover_start_at,
    handovers: rotation.handovers,
    layers: rotation.layers,
    users,
    working_intervals: rotation.working_intervals,
    ...(rotation.scheduling_mode ? { scheduling_mode: rotation.scheduling_mode } : {}),
  };
}
