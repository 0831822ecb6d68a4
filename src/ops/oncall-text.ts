import type { LayerOnCall, OnCallAnswer, ScheduleOnCall, Shift } from "./oncall.js";

/** The zone's usual abbreviation (BST, EDT, CEST), else its offset (GMT+1). */
function zoneName(date: Date, timeZone: string): string {
  const names = ["en-US", "en-GB"].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
        .formatToParts(date)
        .find((part) => part.type === "timeZoneName")?.value ?? "",
  );
  return names.find((name) => name !== "" && !name.startsWith("GMT")) ?? names[0] ?? timeZone;
}

/** A moment as the schedule's people read it: "Thu 5 Jun 19:00 BST", in the schedule's time zone. */
export function localTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  try {
    const text = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    })
      .format(date)
      .replace(",", "");
    return `${text} ${zoneName(date, timeZone)}`;
  } catch {
    // A time zone this runtime does not know: the instant itself says it exactly.
    return iso;
  }
}

function who(shift: Shift): string {
  return `${shift.person?.name ?? "no one"}${shift.override ? " (override)" : ""}`;
}

function layerLabel(schedule: ScheduleOnCall, layer: LayerOnCall): string {
  const siblings = schedule.layers.filter((other) => other.rotationId === layer.rotationId).length;
  return siblings > 1 && layer.layer !== "" ? `${layer.rotation} / ${layer.layer}` : layer.rotation;
}

/** "Daniel Kim until Thu 5 Jun 19:00 BST, then Tomás Herrera", or when no one is on it, who is next and from when. */
export function layerText(schedule: ScheduleOnCall, layer: LayerOnCall): string {
  const at = (iso: string) => localTime(iso, schedule.timezone);
  const label = layerLabel(schedule, layer);
  const { now, next } = layer;
  if (!now) return `${label}: no one${next ? `; next ${who(next)} from ${at(next.from)}` : ""}`;
  const then = next
    ? next.from === now.until
      ? `, then ${who(next)}`
      : `, then ${who(next)} from ${at(next.from)}`
    : "";
  return `${label}: ${who(now)} until ${at(now.until)}${then}`;
}

/** The answer as a person reads it: the chain that led to it, then each schedule's layers. */
export function onCallText(result: OnCallAnswer, now: number): string {
  const moment = Date.parse(result.at);
  const zone = result.schedules[0]?.timezone ?? "UTC";
  const when = Math.abs(moment - now) < 60_000 ? "now" : `at ${localTime(result.at, zone)}`;
  const lines = [`${result.chain.join(" → ")} (${when})`];
  if (result.subject.kind === "user" && result.schedules.length === 0) {
    lines.push(`  not on call, nor next, on any schedule within 8 days`);
  }
  for (const schedule of result.schedules) {
    if (result.schedules.length > 1 || result.subject.kind === "user") lines.push(`  ${schedule.name}:`);
    const indent = result.schedules.length > 1 || result.subject.kind === "user" ? "    " : "  ";
    for (const layer of schedule.layers) lines.push(`${indent}${layerText(schedule, layer)}`);
    if (schedule.layers.length === 0) lines.push(`${indent}no rotations`);
  }
  if (result.pagedDirectly.length > 0) {
    lines.push(`  paged directly: ${result.pagedDirectly.map((person) => person.name).join(", ")}`);
  }
  if (result.escalationPath)
    lines.push(`Pages go through the escalation path ${result.escalationPath.name}.`);
  return lines.join("\n");
}
