import type { Incident } from "../api/index.js";
import { normaliseTime } from "./time.js";

/** The incident timestamps that mark resolution, most telling first (matched by name, ignoring case). */
const RESOLUTION_TIMESTAMPS = ["resolved at", "closed at"] as const;

/** The categories of an incident that was resolved: post-incident (`learning`) and closed. */
const RESOLVED_CATEGORIES: ReadonlySet<string> = new Set(["learning", "closed"]);

/**
 * When the incident was resolved, or null while it is not (open, paused, triage, declined, merged, canceled: those
 * never count towards time to resolve).
 *
 * 1. The "Resolved at" incident timestamp, else "Closed at": incident.io sets these when the incident moves into a
 *    post-incident or closed status, and people correct them by hand, so they are the truth when present.
 * 2. Else `updated_at`. An organisation may have renamed or removed those timestamps; the incident was then
 *    resolved no later than its last change, so this is an upper bound (a later edit, e.g. to the summary,
 *    moves it). `duration_metrics` are not used: a metric's seconds are measured between two timestamps the
 *    organisation chose, and the description does not say which, so no instant can be derived from them.
 */
export function resolvedAt(incident: Incident): string | null {
  if (!RESOLVED_CATEGORIES.has(incident.incident_status.category)) return null;
  const values = incident.incident_timestamp_values ?? [];
  for (const name of RESOLUTION_TIMESTAMPS) {
    const found = values.find(
      (entry) => entry.incident_timestamp.name.trim().toLowerCase() === name && entry.value?.value,
    );
    const value = found?.value?.value;
    if (value) return normaliseTime(value);
  }
  return normaliseTime(incident.updated_at);
}
