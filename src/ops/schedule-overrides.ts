import type { Schedule, ScheduleOverride, ScheduleRotation } from "../api/index.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import { findNamed } from "./lookups.js";
import { onCallDirectory, scheduleNamed } from "./oncall-directory.js";
import { rotationsAt } from "./oncall-shifts.js";
import { momentOf, momentOrNow } from "./oncall-time.js";
import type { OpsSession } from "./session.js";
import { RETRY_WINDOW_MS } from "./write-once.js";

const MINUTE_MS = 60_000;

/** An override with the names of the rotation and layer it covers. */
export interface NamedOverride {
  override: ScheduleOverride;
  rotation: string;
  layer: string;
}

function named(schedule: Schedule, override: ScheduleOverride): NamedOverride {
  const rotation = (schedule.config?.rotations ?? []).find((r) => r.id === override.rotation_id);
  const layer = rotation?.layers.find((l) => l.id === override.layer_id);
  return {
    override,
    rotation: rotation?.name ?? override.rotation_id,
    layer: layer?.name ?? override.layer_id,
  };
}

async function freshSchedule(s: OpsSession, nameOrId: string): Promise<Schedule> {
  return s.io.schedules.show((await scheduleNamed(s, nameOrId)).id);
}

async function overridesOf(s: OpsSession, schedule: Schedule): Promise<ScheduleOverride[]> {
  const all: ScheduleOverride[] = [];
  for await (const override of s.io.scheduleOverrides.list(schedule.id)) all.push(override);
  return all;
}

/** A schedule's overrides that have not ended, oldest first (all of them with `includeEnded`). */
export async function listScheduleOverrides(
  s: OpsSession,
  scheduleName: string,
  options: { includeEnded?: boolean } = {},
): Promise<{ schedule: Schedule; overrides: NamedOverride[] }> {
  const schedule = await freshSchedule(s, scheduleName);
  const now = s.clock.now();
  const overrides = (await overridesOf(s, schedule)).filter(
    (override) => options.includeEnded || Date.parse(override.end_at) > now,
  );
  return { schedule, overrides: overrides.map((override) => named(schedule, override)) };
}

export interface OverrideInput {
  schedule: string;
  /** Who covers: name or email. */
  user: string;
  /** An ISO date-time or a duration from now; now (to the minute) when not given. */
  from?: string | undefined;
  /** An ISO date-time or a duration from now. */
  until: string;
  /** The rotation covered, by name or ID; needed when the schedule has several. */
  rotation?: string | undefined;
  /** The layer covered, by name or ID; the rotation's first (its primary) when not given. */
  layer?: string | undefined;
}

function pickRotation(schedule: Schedule, rotations: ScheduleRotation[], wanted?: string): ScheduleRotation {
  if (wanted === undefined) {
    if (rotations.length === 1) return rotations[0] as ScheduleRotation;
    throw invalidArgument(
      `the schedule ${schedule.name} has ${rotations.length} rotations: say which the override covers`,
      `give rotation: ${oneOf(
        "rotations",
        rotations.map((r) => r.name),
      )}`,
    );
  }
  const found = findNamed(rotations, wanted);
  if (found) return found;
  throw invalidArgument(
    `the schedule ${schedule.name} has no rotation ${JSON.stringify(wanted)}`,
    oneOf(
      "rotations",
      rotations.map((r) => r.name),
    ),
  );
}

function pickLayer(rotation: ScheduleRotation, wanted?: string): { id: string; name: string } {
  const layers = rotation.layers.map((layer) => ({ id: layer.id ?? "", name: layer.name ?? "" }));
  const found = wanted === undefined ? layers[0] : findNamed(layers, wanted);
  if (found && found.id !== "") return found;
  throw invalidArgument(
    wanted === undefined
      ? `the rotation ${rotation.name} has no layer to override`
      : `the rotation ${rotation.name} has no layer ${JSON.stringify(wanted)}`,
    oneOf(
      "layers",
      layers.map((layer) => layer.name),
    ),
  );
}

/**
 * Puts `user` on call instead of the rotation for a while. incident.io takes no idempotency key for overrides, so
 * the same override asked for again (same layer and person, its window within minutes of the first) finds the one
 * made before rather than making a second: a retry, or "from now" asked a minute later, covers once.
 */
export async function createScheduleOverride(
  s: OpsSession,
  input: OverrideInput,
): Promise<NamedOverride & { schedule: Schedule; created: boolean }> {
  const now = Math.floor(s.clock.now() / MINUTE_MS) * MINUTE_MS;
  const from = momentOrNow("from", input.from, now);
  const until = momentOf("until", input.until, now);
  if (until <= from) {
    throw invalidArgument(
      `the override ends (${new Date(until).toISOString()}) before it starts (${new Date(from).toISOString()})`,
      "give an `until` later than `from`, e.g. a duration from now such as 8h",
    );
  }
  const [schedule, user] = await Promise.all([freshSchedule(s, input.schedule), s.lookups.user(input.user)]);
  const rotation = pickRotation(schedule, rotationsAt(schedule, from), input.rotation);
  const layer = pickLayer(rotation, input.layer);
  const near = (iso: string, ms: number) => Math.abs(Date.parse(iso) - ms) <= RETRY_WINDOW_MS;
  const existing = (await overridesOf(s, schedule)).find(
    (o) =>
      o.rotation_id === rotation.id &&
      o.layer_id === layer.id &&
      o.user?.id === user.id &&
      near(o.start_at, from) &&
      near(o.end_at, until),
  );
  if (existing) return { ...named(schedule, existing), schedule, created: false };
  const override = await s.io.scheduleOverrides.create({
    schedule_id: schedule.id,
    rotation_id: rotation.id,
    layer_id: layer.id,
    user: { id: user.id },
    start_at: new Date(from).toISOString(),
    end_at: new Date(until).toISOString(),
  });
  onCallDirectory(s).forget("schedules");
  return { override, rotation: rotation.name, layer: layer.name, schedule, created: true };
}

export interface OverrideRemoval {
  schedule: string;
  /** The override's ID. */
  id?: string | undefined;
  /** Whose override, by name or email: the one override of theirs on the schedule that has not ended. */
  user?: string | undefined;
}

/** Deletes an override, named by ID or by whose it is; whoever the rotation puts on call is on call again. */
export async function deleteScheduleOverride(
  s: OpsSession,
  input: OverrideRemoval,
): Promise<NamedOverride & { schedule: Schedule }> {
  if ((input.id === undefined) === (input.user === undefined)) {
    throw invalidArgument(
      "say which override to delete: its ID, or whose it is",
      "give id (from list_schedule_overrides) or user (name or email), not both",
    );
  }
  const { schedule, overrides } = await listScheduleOverrides(s, input.schedule, { includeEnded: true });
  let chosen: NamedOverride | undefined;
  if (input.id !== undefined) {
    chosen = overrides.find((o) => o.override.id === input.id?.trim());
    if (!chosen) {
      throw invalidArgument(
        `the schedule ${schedule.name} has no override ${JSON.stringify(input.id)}`,
        "list its overrides (incidentkit oncall overrides list, or list_schedule_overrides) for their IDs",
      );
    }
  } else {
    const user = await s.lookups.user(input.user as string);
    const now = s.clock.now();
    const theirs = overrides.filter(
      (o) => o.override.user?.id === user.id && Date.parse(o.override.end_at) > now,
    );
    if (theirs.length !== 1) {
      throw invalidArgument(
        theirs.length === 0
          ? `${user.name} has no override on ${schedule.name} that has not ended`
          : `${user.name} has ${theirs.length} overrides on ${schedule.name}: ${theirs
              .map((o) => `${o.override.id} (${o.override.start_at} to ${o.override.end_at})`)
              .join("; ")}`,
        theirs.length === 0
          ? "list the schedule's overrides to see whose they are"
          : "give the one to delete by its id",
      );
    }
    chosen = theirs[0] as NamedOverride;
  }
  await s.io.scheduleOverrides.delete(chosen.override.id);
  onCallDirectory(s).forget("schedules");
  return { ...chosen, schedule };
}
