import type { ScheduleRotationRecord, WeekdayIntervalRecord } from "./model-oncall.js";
import { DAY_MS, fromLocal, HOUR_MS, minutesOfDay, toLocal, weekdayIndex } from "./zoned-time.js";

/** One person on call on one layer of one rotation, from `start` until `end` (epoch ms, end exclusive). */
export interface Shift {
  rotationId: string;
  layerId: string;
  userId: string;
  start: number;
  end: number;
}

/** More than this many handovers between a rotation's start and the window asked about is refused as a mistake. */
const MAX_STEPS = 200_000;

type Handover = ScheduleRotationRecord["handovers"][number];

/**
 * Every shift of the schedule's rotations overlapping [from, until), whole (not cut at the window's edges), as
 * the rotation rules produce them: versions of a rotation each apply from their `effective_from` until the next
 * version's; the first user in `users` comes on at `handover_start_at` and hands over after each interval of
 * `handovers` in turn; each layer puts one more person on at once, taking the next user in the list; working
 * intervals, when set, keep only the parts of shifts inside them.
 */
export function scheduledShifts(
  rotations: readonly ScheduleRotationRecord[],
  timeZone: string,
  from: number,
  until: number,
): Shift[] {
  const shifts: Shift[] = [];
  for (const { version, start, end } of versionSpans(rotations)) {
    if (end <= from || start >= until) continue;
    for (const shift of versionShifts(version, timeZone, Math.max(from, start), until, start, end)) {
      shifts.push(...withinWorkingIntervals(shift, version.working_intervals, timeZone));
    }
  }
  return shifts
    .filter((shift) => shift.end > from && shift.start < until)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Each rotation version with the span it applies over. */
function versionSpans(
  rotations: readonly ScheduleRotationRecord[],
): { version: ScheduleRotationRecord; start: number; end: number }[] {
  const byId = new Map<string, ScheduleRotationRecord[]>();
  for (const rotation of rotations) {
    const versions = byId.get(rotation.id) ?? [];
    versions.push(rotation);
    byId.set(rotation.id, versions);
  }
  const spans: { version: ScheduleRotationRecord; start: number; end: number }[] = [];
  for (const versions of byId.values()) {
    const ordered = [...versions].sort((a, b) => effectiveFrom(a) - effectiveFrom(b));
    ordered.forEach((version, index) => {
      const next = ordered[index + 1];
      spans.push({
        version,
        start: effectiveFrom(version),
        end: next ? effectiveFrom(next) : Number.POSITIVE_INFINITY,
      });
    });
  }
  return spans;
}

function effectiveFrom(rotation: ScheduleRotationRecord): number {
  return rotation.effective_from === undefined
    ? Number.NEGATIVE_INFINITY
    : Date.parse(rotation.effective_from);
}

/** The shifts of one version overlapping [from, until), cut to the version's own span. */
function versionShifts(
  rotation: ScheduleRotationRecord,
  timeZone: string,
  from: number,
  until: number,
  spanStart: number,
  spanEnd: number,
): Shift[] {
  const users = rotation.user_ids;
  const handovers = rotation.handovers;
  if (users.length === 0 || handovers.length === 0 || rotation.layers.length === 0) return [];
  const layers = rotation.layers.length;
  let { index, start } = fastForward(rotation, timeZone, from);
  const shifts: Shift[] = [];
  for (let steps = 0; start < until && start < spanEnd; steps++) {
    if (steps > MAX_STEPS) {
      throw new Error(`rotation ${rotation.id} needs more than ${MAX_STEPS} handovers to reach the window`);
    }
    const handover = handovers[index % handovers.length] as Handover;
    const end = nextHandover(start, handover, timeZone);
    if (end > from && end > spanStart) {
      for (let layer = 0; layer < layers; layer++) {
        shifts.push({
          rotationId: rotation.id,
          layerId: rotation.layers[layer]?.id ?? "",
          userId: users[(index * layers + layer) % users.length] as string,
          start: Math.max(start, spanStart),
          end: Math.min(end, spanEnd),
        });
      }
    }
    index++;
    start = end;
  }
  return shifts;
}

function nextHandover(start: number, handover: Handover, timeZone: string): number {
  if (handover.interval_type === "hourly") return start + handover.interval * HOUR_MS;
  const days = handover.interval * (handover.interval_type === "weekly" ? 7 : 1);
  return fromLocal(toLocal(start, timeZone) + days * DAY_MS, timeZone);
}

/**
 * The handover to start counting from: whole cycles of `handovers` are skipped when they all count in the same
 * unit (hours, or days and weeks), so a window months after the rotation began costs no more than one near it.
 */
function fastForward(
  rotation: ScheduleRotationRecord,
  timeZone: string,
  from: number,
): { index: number; start: number } {
  const origin = Date.parse(rotation.handover_start_at);
  const handovers = rotation.handovers;
  const hourly = handovers.every((h) => h.interval_type === "hourly");
  const daily = handovers.every((h) => h.interval_type !== "hourly");
  if (from <= origin || !(hourly || daily)) return { index: 0, start: origin };
  if (hourly) {
    const cycle = handovers.reduce((sum, h) => sum + h.interval, 0) * HOUR_MS;
    const cycles = Math.max(0, Math.floor((from - origin) / cycle) - 1);
    return { index: cycles * handovers.length, start: origin + cycles * cycle };
  }
  const cycle =
    handovers.reduce((sum, h) => sum + h.interval * (h.interval_type === "weekly" ? 7 : 1), 0) * DAY_MS;
  const localOrigin = toLocal(origin, timeZone);
  const cycles = Math.max(0, Math.floor((toLocal(from, timeZone) - localOrigin) / cycle) - 1);
  return { index: cycles * handovers.length, start: fromLocal(localOrigin + cycles * cycle, timeZone) };
}

/** The parts of a shift inside the working intervals (the whole shift when there are none). */
function withinWorkingIntervals(
  shift: Shift,
  intervals: readonly WeekdayIntervalRecord[],
  timeZone: string,
): Shift[] {
  if (intervals.length === 0) return [shift];
  const windows: [number, number][] = [];
  const firstDay = Math.floor(toLocal(shift.start, timeZone) / DAY_MS) * DAY_MS - DAY_MS;
  const lastDay = toLocal(shift.end, timeZone);
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const interval of intervals) {
      if (WEEKDAYS.indexOf(interval.weekday) !== weekdayIndex(day)) continue;
      const startMinutes = minutesOfDay(interval.start_time) ?? 0;
      const endMinutes = minutesOfDay(interval.end_time) ?? 0;
      const start = fromLocal(day + startMinutes * 60_000, timeZone);
      const end = fromLocal(day + (endMinutes <= startMinutes ? DAY_MS : 0) + endMinutes * 60_000, timeZone);
      const from = Math.max(start, shift.start);
      const until = Math.min(end, shift.end);
      if (from < until) windows.push([from, until]);
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([...window]);
  }
  return merged.map(([start, end]) => ({ ...shift, start, end }));
}

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
