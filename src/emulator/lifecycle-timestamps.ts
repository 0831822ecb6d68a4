import type { IncidentRecord, IncidentStatusRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

type Timestamps = IncidentRecord["timestamp_values"];

const RESOLVED: ReadonlySet<string> = new Set(["learning", "closed"]);

/**
 * incident.io's lifecycle timestamps, set by rule on a status change (the description's audit log names
 * "Resolved at ('set by' rule)"): moving into a post-incident (`learning`) or closed status sets "Resolved at",
 * moving into a closed one sets "Closed at", each only when the organisation has that timestamp and the incident
 * has no value for it yet (a value given by hand, or set earlier, is kept).
 */
export function lifecycleTimestamps(
  state: EmulatorState,
  from: IncidentStatusRecord | undefined,
  to: IncidentStatusRecord,
  values: Timestamps,
  at: string,
): Timestamps {
  if (!from || from.id === to.id) return values;
  const wanted: string[] = [];
  if (RESOLVED.has(to.category) && !RESOLVED.has(from.category)) wanted.push("resolved at");
  if (to.category === "closed" && from.category !== "closed") wanted.push("closed at");
  if (wanted.length === 0) return values;
  const next = [...values];
  for (const timestamp of state.list("incident_timestamps")) {
    const name = timestamp.name.trim().toLowerCase();
    if (!wanted.includes(name)) continue;
    if (next.some((value) => value.incident_timestamp_id === timestamp.id)) continue;
    next.push({ incident_timestamp_id: timestamp.id, value: at });
  }
  return next;
}
