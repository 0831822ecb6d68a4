import type { Declared } from "./incidents.js";
import type { PostedUpdate } from "./updates.js";
import type { Created } from "./write-once.js";

/** `2026-12-06 14:02 UTC`. */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Said when what was there before a write could not be read (the key may not list such records). */
const EITHER = "incident.io does not say which, and what was there before could not be read";

/** What a declare did, in one line: every face says whether it declared or found the incident. */
export function declaredText({ incident, created }: Declared): string {
  if (created === true) return `Incident declared: ${incident.reference}`;
  const state = incident.incident_status.name.toLowerCase();
  if (created === "unknown") {
    return `Declared: ${incident.reference} (${state}), by this call or by the same input moments before (${EITHER})`;
  }
  return `Already declared: ${incident.reference} (${state} since ${minute(incident.created_at)}), by the same input earlier; nothing new was declared`;
}

/** What an update post did, in one line. */
export function postedText({ update, created }: PostedUpdate): string {
  const severity = update.new_severity ? `, severity ${update.new_severity.name}` : "";
  if (created === "unknown") {
    return `Update posted (status ${update.new_incident_status.name}${severity}), by this call or by the same input moments before (${EITHER}).`;
  }
  return created
    ? `Update posted (status ${update.new_incident_status.name}${severity}).`
    : `Already posted at ${minute(update.created_at)}, by the same input earlier; nothing new was posted (status ${update.new_incident_status.name}${severity}).`;
}

/** What a page did, in a few words that every face puts before whom it paged. */
export function pagedWords(created: Created): string {
  if (created === "unknown") return `Paged, by this call or by the same page moments before (${EITHER})`;
  return created ? "Paged" : "Already paged (nothing sent again)";
}
