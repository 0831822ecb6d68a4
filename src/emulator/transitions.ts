import type { IncidentStatusRecord, StatusCategory } from "./model.js";

/** Statuses incident.io manages itself: never a target of an API status change. */
const MANAGED: ReadonlySet<StatusCategory> = new Set(["triage", "declined", "merged", "canceled", "paused"]);

/**
 * Categories that cannot be chosen when an incident is created: outcomes incident.io sets itself, and paused,
 * which (as for edits) only incident.io's own pause flow enters.
 */
export const NOT_CREATABLE_IN: ReadonlySet<StatusCategory> = new Set([
  "declined",
  "merged",
  "canceled",
  "paused",
]);

export const ALLOWED_MOVES =
  "Allowed moves: between statuses of the same category; from triage, active (live) or paused to a post-incident " +
  "(learning) or closed status; from a post-incident status to a closed one. Incidents cannot be moved back to " +
  "active or triage, nor to declined, merged, canceled or paused statuses, through the API.";

/**
 * Whether an incident may move from `from` to `to`, following IncidentEditPayloadV2.incident_status_id:
 * within a category, resolving (triage/live/paused → learning/closed) and closing (learning → closed).
 * Setting the status it already has is a no-op and always allowed.
 */
export function canTransition(from: IncidentStatusRecord, to: IncidentStatusRecord): boolean {
  if (from.id === to.id) return true;
  if (MANAGED.has(to.category)) return false;
  if (from.category === to.category) return true;
  if (from.category === "triage" || from.category === "live" || from.category === "paused") {
    return to.category === "learning" || to.category === "closed";
  }
  return from.category === "learning" && to.category === "closed";
}

export function transitionMessage(from: IncidentStatusRecord, to: IncidentStatusRecord): string {
  return `An incident in "${from.name}" (${from.category}) cannot move to "${to.name}" (${to.category}). ${ALLOWED_MOVES}`;
}
