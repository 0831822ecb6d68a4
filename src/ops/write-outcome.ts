import type { Declared } from "./incidents.js";
import type { PostedUpdate } from "./updates.js";

/** `2026-12-06 14:02 UTC`. */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** What a declare did, in one line: every face says whether it declared or found the incident. */
export function declaredText({ incident, created }: Declared): string {
  if (created) return `Incident declared: ${incident.reference}`;
  const state = incident.incident_status.name.toLowerCase();
  return `Already declared: ${incident.reference} (${state} since ${minute(incident.created_at)}), by the same input earlier; nothing new was declared`;
}

/** What an update post did, in one line. */
export function postedText({ update, created }: PostedUpdate): string {
  const severity = update.new_severity ? `, severity ${update.new_severity.name}` : "";
  return created
    ? `Update posted (status ${update.new_incident_status.name}${severity}).`
    : `Already posted at ${minute(update.created_at)}, by the same input earlier; nothing new was posted (status ${update.new_incident_status.name}${severity}).`;
}
