import type { Schedule, ScheduleEntry } from "../api/index.js";
import { invalidArgument } from "./invalid-argument.js";
import { onCallDirectory, scheduleNamed } from "./oncall-directory.js";
import { momentOf, momentOrNow } from "./oncall-time.js";
import type { OpsSession } from "./session.js";

/** The longest window of entries asked for at once: a quarter, hundreds of entries for a daily rotation. */
const MAX_WINDOW_MS = 92 * 86_400_000;
const DEFAULT_WINDOW_MS = 7 * 86_400_000;

/** Every on-call schedule of the organisation, with who is on call on each now. */
export async function listSchedules(s: OpsSession): Promise<Schedule[]> {
  return onCallDirectory(s).schedules();
}

/** One schedule by name (any case) or ID, read fresh: its rotations, and who is on call now and next. */
export async function getSchedule(s: OpsSession, nameOrId: string): Promise<Schedule> {
  const schedule = await scheduleNamed(s, nameOrId);
  return s.io.schedules.show(schedule.id);
}

export interface EntriesWindow {
  /** An ISO date-time or a duration from now; now when not given. */
  from?: string | undefined;
  /** An ISO date-time or a duration from now; a week after `from` when not given. */
  to?: string | undefined;
}

export interface ScheduleEntries {
  schedule: Schedule;
  from: string;
  to: string;
  /** Who is on call, overrides applied, in order of start. */
  final: ScheduleEntry[];
  /** The overrides in the window. */
  overrides: ScheduleEntry[];
}

/** A schedule's shifts over a window (a week from now unless told), overrides applied. */
export async function listScheduleEntries(
  s: OpsSession,
  nameOrId: string,
  window: EntriesWindow = {},
): Promise<ScheduleEntries> {
  const now = s.clock.now();
  const from = momentOrNow("from", window.from, now);
  const to = window.to === undefined ? from + DEFAULT_WINDOW_MS : momentOf("to", window.to, now);
  if (to <= from) {
    throw invalidArgument(
      `the window ends (${new Date(to).toISOString()}) before it starts (${new Date(from).toISOString()})`,
      "give a `to` later than `from`",
    );
  }
  if (to - from > MAX_WINDOW_MS) {
    throw invalidArgument("the window is longer than 92 days", "ask for a shorter window, a quarter at most");
  }
  const schedule = await scheduleNamed(s, nameOrId);
  const entries = await s.io.scheduleEntries.list(schedule.id, {
    start: new Date(from).toISOString(),
    end: new Date(to).toISOString(),
  });
  const byStart = (a: ScheduleEntry, b: ScheduleEntry) => Date.parse(a.start_at) - Date.parse(b.start_at);
  return {
    schedule,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    final: [...entries.final].sort(byStart),
    overrides: [...entries.overrides].sort(byStart),
  };
}
