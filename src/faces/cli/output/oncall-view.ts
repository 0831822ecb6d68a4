import type { Escalation, EscalationPath, Schedule, ScheduleEntry } from "../../../api/index.js";
import { acknowledgedBy, localTime, type NamedOverride, notifiedNames } from "../../../ops/index.js";
import { relativeTime } from "../../../shared/relative-time.js";
import type { Output } from "./output.js";

/** Rotation and layer of an entry, by name. */
function layerOf(
  schedule: Schedule,
  entry: { rotation_id?: string | undefined; layer_id?: string | undefined },
): string {
  const rotation = schedule.config?.rotations.find((r) => r.id === entry.rotation_id);
  const layer = rotation?.layers.find((l) => l.id === entry.layer_id);
  const rotationName = rotation?.name ?? entry.rotation_id ?? "";
  return rotation && rotation.layers.length > 1
    ? `${rotationName} / ${layer?.name ?? entry.layer_id}`
    : rotationName;
}

/** `oncall schedules`: each schedule, its time zone and rotations, and who is on call now. */
export function schedulesTable(schedules: readonly Schedule[], out: Output): string {
  return out.table(
    ["SCHEDULE", "TIME ZONE", "ROTATIONS", "ON CALL NOW"],
    schedules.map((schedule) => [
      schedule.name,
      schedule.timezone,
      [...new Set((schedule.config?.rotations ?? []).map((r) => r.name))].join(", "),
      [...new Set((schedule.current_shifts ?? []).map((e) => e.user?.name ?? "no one"))].join(", "),
    ]),
    { header: out.colour.bold },
  );
}

/** `oncall entries`: each shift, in the schedule's time zone. */
export function entriesTable(schedule: Schedule, entries: readonly ScheduleEntry[], out: Output): string {
  const at = (iso: string) => localTime(iso, schedule.timezone);
  return out.table(
    ["FROM", "UNTIL", "LAYER", "ON CALL"],
    entries.map((entry) => [
      at(entry.start_at),
      at(entry.end_at),
      layerOf(schedule, entry),
      `${entry.user?.name ?? "no one"}${entry.entry_id !== undefined ? " (override)" : ""}`,
    ]),
    { header: out.colour.bold },
  );
}

/** `oncall overrides list`. */
export function overridesTable(schedule: Schedule, overrides: readonly NamedOverride[], out: Output): string {
  const at = (iso: string) => localTime(iso, schedule.timezone);
  return out.table(
    ["ID", "WHO", "LAYER", "FROM", "UNTIL"],
    overrides.map(({ override, rotation, layer }) => [
      override.id,
      override.user?.name ?? "no one",
      rotation === layer ? rotation : `${rotation} / ${layer}`,
      at(override.start_at),
      at(override.end_at),
    ]),
    { header: out.colour.bold },
  );
}

/** `escalations paths`. */
export function pathsTable(paths: readonly EscalationPath[], out: Output): string {
  return out.table(
    ["PATH", "FIRST PAGES NOW", "ID"],
    paths.map((path) => [path.name, (path.current_responders ?? []).map((u) => u.name).join(", "), path.id]),
    { header: out.colour.bold },
  );
}

function statusText(status: string, out: Output): string {
  if (status === "triggered") return out.colour.red(status);
  if (status === "acked") return out.colour.green(status);
  return out.colour.dim(status);
}

/** `escalations list`: newest first, whom each has paged so far. */
export function escalationsTable(
  escalations: readonly Escalation[],
  pathNames: ReadonlyMap<string, string>,
  out: Output,
): string {
  return out.table(
    ["ID", "STATUS", "TITLE", "VIA", "PAGED", "CREATED"],
    escalations.map((escalation) => [
      escalation.id,
      statusText(escalation.status, out),
      escalation.title,
      escalation.escalation_path_id
        ? (pathNames.get(escalation.escalation_path_id) ?? escalation.escalation_path_id)
        : "directly",
      notifiedNames(escalation).join(", "),
      relativeTime(escalation.created_at, out.now()),
    ]),
    { header: out.colour.bold },
  );
}

/** `escalations show`, and what `page` and `cancel` print. */
export function escalationDetails(
  escalation: Escalation,
  pathNames: ReadonlyMap<string, string>,
  out: Output,
): string {
  const path = escalation.escalation_path_id;
  const acked = acknowledgedBy(escalation);
  const lines = [
    `${out.colour.bold(escalation.title)}  (${statusText(escalation.status, out)})`,
    `ID:        ${escalation.id}`,
    `Via:       ${path ? `escalation path ${pathNames.get(path) ?? path}` : "paged directly"}`,
    `Paged:     ${notifiedNames(escalation).join(", ") || "no one yet"}`,
    ...(acked ? [`Acked by:  ${acked}`] : []),
    ...(escalation.related_incidents.length > 0
      ? [`Incidents: ${escalation.related_incidents.map((i) => i.reference).join(", ")}`]
      : []),
    `Created:   ${relativeTime(escalation.created_at, out.now())} (${escalation.created_at})`,
  ];
  return lines.join("\n");
}
