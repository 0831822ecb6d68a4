import { createHash } from "node:crypto";
import type { ScheduleOverrideRecord, ScheduleRecord } from "./model-oncall.js";
import { renderUser } from "./render.js";
import { scheduledShifts } from "./schedule-shifts.js";
import type { EmulatorState } from "./state.js";

/** A shift as the entries operation reasons about it: from the rotations, or an override (`overrideId`). */
export interface Entry {
  rotationId: string;
  layerId: string;
  /** Absent when an override puts no one on call. */
  userId?: string;
  start: number;
  end: number;
  overrideId?: string;
}

export interface EntriesForWindow {
  scheduled: Entry[];
  overrides: Entry[];
  final: Entry[];
}

/** The live overrides of a schedule, in the order they were created. */
export function overridesOf(state: EmulatorState, scheduleId: string): ScheduleOverrideRecord[] {
  return state.list("schedule_overrides").filter((o) => o.schedule_id === scheduleId);
}

/**
 * Who is on call on the schedule over [from, until): entries overlapping the window, whole. `final` applies the
 * overrides to the rotations layer by layer: where overrides overlap, the one created last wins; an override with
 * no one takes the layer off call; a scheduled shift cut by an override comes back either side of it.
 */
export function scheduleEntries(
  state: EmulatorState,
  schedule: ScheduleRecord,
  from: number,
  until: number,
): EntriesForWindow {
  const allOverrides = overridesOf(state, schedule.id).map(overrideEntry);
  const overrides = allOverrides.filter((o) => o.end > from && o.start < until);
  const scheduled = scheduledShifts(schedule.rotations, schedule.timezone, from, until).map(
    (s): Entry => ({ ...s }),
  );
  // Widen once to what the window's entries span, so a final entry is the same whichever window shows it.
  const starts = [from, ...scheduled.map((e) => e.start), ...overrides.map((e) => e.start)];
  const ends = [until, ...scheduled.map((e) => e.end), ...overrides.map((e) => e.end)];
  const wideFrom = Math.min(...starts);
  const wideUntil = Math.max(...ends);
  const wideScheduled = scheduledShifts(schedule.rotations, schedule.timezone, wideFrom, wideUntil);
  const wideOverrides = allOverrides.filter((o) => o.end > wideFrom && o.start < wideUntil);
  const final = merge(wideScheduled, wideOverrides).filter((e) => e.end > from && e.start < until);
  return { scheduled, overrides: byTime(overrides), final: byTime(final) };
}

function overrideEntry(override: ScheduleOverrideRecord): Entry {
  return {
    rotationId: override.rotation_id,
    layerId: override.layer_id,
    ...(override.user_id ? { userId: override.user_id } : {}),
    start: Date.parse(override.start_at),
    end: Date.parse(override.end_at),
    overrideId: override.id,
  };
}

function byTime(entries: Entry[]): Entry[] {
  return entries.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Overrides laid over scheduled shifts, per rotation and layer. Overrides come oldest first. */
function merge(scheduled: readonly Entry[], overrides: readonly Entry[]): Entry[] {
  const lanes = new Map<string, { scheduled: Entry[]; overrides: Entry[] }>();
  const lane = (e: Entry) => {
    const key = `${e.rotationId}\u0000${e.layerId}`;
    let found = lanes.get(key);
    if (!found) {
      found = { scheduled: [], overrides: [] };
      lanes.set(key, found);
    }
    return found;
  };
  for (const entry of scheduled) lane(entry).scheduled.push(entry);
  for (const entry of overrides) lane(entry).overrides.push(entry);
  const out: Entry[] = [];
  for (const { scheduled: shifts, overrides: over } of lanes.values()) {
    const cuts = [...new Set([...shifts, ...over].flatMap((e) => [e.start, e.end]))].sort((a, b) => a - b);
    // The piece being built, and the shift or override it comes from: pieces of the same one are joined.
    let open: Entry | undefined;
    let openSource: Entry | undefined;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] as number;
      const end = cuts[i + 1] as number;
      const found = latestCovering(over, start) ?? shifts.find((s) => s.start <= start && s.end > start);
      const source = found?.userId === undefined ? undefined : found;
      if (open && source === openSource && open.end === start) {
        open.end = end;
        continue;
      }
      if (open) out.push(open);
      open = source ? { ...source, start, end } : undefined;
      openSource = source;
    }
    if (open) out.push(open);
  }
  return out;
}

function latestCovering(overrides: readonly Entry[], at: number): Entry | undefined {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const override = overrides[i] as Entry;
    if (override.start <= at && override.end > at) return override;
  }
  return undefined;
}

/** `ScheduleEntryV2`. The fingerprint names the shift, so the same shift has it in every answer. */
export function renderEntry(state: EmulatorState, schedule: ScheduleRecord, entry: Entry) {
  const user = entry.userId ? state.get("users", entry.userId) : undefined;
  const start_at = new Date(entry.start).toISOString();
  const end_at = new Date(entry.end).toISOString();
  const fingerprint = createHash("sha256")
    .update([schedule.id, entry.rotationId, entry.layerId, entry.userId ?? "", start_at, end_at].join("/"))
    .digest("hex")
    .slice(0, 32);
  return {
    start_at,
    end_at,
    rotation_id: entry.rotationId,
    layer_id: entry.layerId,
    fingerprint,
    ...(entry.overrideId ? { entry_id: entry.overrideId } : {}),
    ...(user ? { user: renderUser(user) } : {}),
  };
}

/** How far ahead `next_shifts` looks for the next changeover. */
const NEXT_SHIFT_HORIZON_MS = 45 * 24 * 3_600_000;

/** `current_shifts` and `next_shifts`: who is on call at `now`, and who will be after the next changeover. */
export function shiftsAround(
  state: EmulatorState,
  schedule: ScheduleRecord,
  now: number,
): { current: Entry[]; next: Entry[] } {
  const { final } = scheduleEntries(state, schedule, now, now + NEXT_SHIFT_HORIZON_MS);
  const current = final.filter((e) => e.start <= now && e.end > now);
  const changes = final.flatMap((e) => [e.start, e.end]).filter((t) => t > now);
  if (changes.length === 0) return { current, next: [] };
  const changeover = Math.min(...changes);
  return { current, next: final.filter((e) => e.start <= changeover && e.end > changeover) };
}
