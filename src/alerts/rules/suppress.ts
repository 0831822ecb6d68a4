import { formatDuration, formatElapsed } from "../../shared/duration.js";
import type { AlertEvent } from "../event.js";
import { addDays, type LocalTime, localTime, zonedInstant } from "./time-zone.js";
import type { Blackout, DailyWindow, Rule, SuppressionHistory } from "./types.js";
import { formatClockTime, formatDays, previousWeekday } from "./wall-clock.js";

/** An instant as history shows it: ISO 8601 in UTC, without milliseconds when there are none. */
export function formatInstant(instant: Date): string {
  return instant.toISOString().replace(/\.000Z$/, "Z");
}

/** When `local` falls inside the window, the instant the current occurrence ends. */
function windowEnd(window: DailyWindow, local: LocalTime, timeZone: string): Date | undefined {
  const minute = local.minuteOfDay;
  if (window.fromMinute < window.toMinute) {
    const inside =
      window.days.includes(local.weekday) && minute >= window.fromMinute && minute < window.toMinute;
    return inside ? zonedInstant(local, window.toMinute, timeZone) : undefined;
  }
  if (window.days.includes(local.weekday) && minute >= window.fromMinute) {
    return zonedInstant(addDays(local, 1), window.toMinute, timeZone);
  }
  if (window.days.includes(previousWeekday(local.weekday)) && minute < window.toMinute) {
    return zonedInstant(local, window.toMinute, timeZone);
  }
  return undefined;
}

function blackoutEnd(blackout: Blackout, now: Date, timeZone: string): Date | undefined {
  if (blackout.kind === "absolute")
    return blackout.from <= now && now < blackout.to ? blackout.to : undefined;
  return windowEnd(blackout, localTime(now, timeZone), timeZone);
}

function blackoutReason(rule: Rule, now: Date, timeZone: string): string | undefined {
  for (const blackout of rule.suppress.blackouts) {
    const end = blackoutEnd(blackout, now, timeZone);
    if (end === undefined) continue;
    const name = blackout.reason === undefined ? "blackout" : `blackout '${blackout.reason}'`;
    return `suppressed: ${name} until ${formatInstant(end)}`;
  }
  return undefined;
}

function scheduleReason(rule: Rule, now: Date, timeZone: string): string | undefined {
  const schedule = rule.suppress.schedule;
  if (!schedule || windowEnd(schedule, localTime(now, timeZone), timeZone)) return undefined;
  const hours = `${formatClockTime(schedule.fromMinute)}–${formatClockTime(schedule.toMinute)}`;
  return `suppressed: outside schedule ${formatDays(schedule.days)} ${hours} ${timeZone}`;
}

function cooldownReason(
  rule: Rule,
  event: AlertEvent,
  history: SuppressionHistory,
  now: Date,
): string | undefined {
  const cooldownMs = rule.suppress.cooldownMs;
  if (cooldownMs === undefined) return undefined;
  const last = history.lastOpenedAt(event.dedupKey, event.source);
  if (last === undefined) return undefined;
  const elapsed = now.getTime() - last.getTime();
  if (elapsed >= cooldownMs) return undefined;
  return (
    `suppressed: cooldown ${formatDuration(cooldownMs)} for dedup key ${event.dedupKey} ` +
    `(last incident opened ${formatElapsed(elapsed)} ago)`
  );
}

function dailyCapReason(rule: Rule, history: SuppressionHistory) {
  const cap = rule.suppress.dailyCap;
  if (cap === undefined) return undefined;
  if (history.openedToday(rule.name) < cap) return undefined;
  return `suppressed: daily cap ${cap} reached for rule ${rule.name}`;
}

/**
 * Why an incident the rule would open must not be opened now, or undefined when nothing holds it back. Checked in
 * order: blackouts, schedule, cooldown (per dedup key and source), daily cap (per rule, per day in `timeZone`).
 */
export function suppressionReason(
  rule: Rule,
  event: AlertEvent,
  history: SuppressionHistory,
  now: Date,
  timeZone: string,
): string | undefined {
  return (
    blackoutReason(rule, now, timeZone) ??
    scheduleReason(rule, now, timeZone) ??
    cooldownReason(rule, event, history, now) ??
    dailyCapReason(rule, history)
  );
}
