import { NOT_REAL_CATEGORIES, NOT_REAL_MODES } from "../../scorecards/facts.js";

/** The group of incidents without a severity. */
export const NO_SEVERITY = "No severity";

/** What the analytics read of an incident; a mirrored incident has all of it. */
export interface AnalysedIncident {
  /** ISO 8601. */
  createdAt: string;
  /** When it was resolved (ISO 8601); null while open. */
  resolvedAt: string | null;
  /** A higher rank is more severe, as incident.io orders severities. */
  severity: { name: string; rank: number } | null;
  /** standard, retrospective, test, tutorial; absent: counted as standard. */
  mode?: string;
  /** Absent: counted as a real incident. */
  status?: { category: string };
}

/**
 * Whether an incident counts: the same rule as the scorecards' `incidents` set. Test and tutorial incidents, and
 * declined, merged and canceled ones, were never real incidents and are left out.
 */
export function countsAsIncident(incident: AnalysedIncident): boolean {
  if (incident.mode !== undefined && NOT_REAL_MODES.has(incident.mode.toLowerCase())) return false;
  if (incident.status !== undefined && NOT_REAL_CATEGORIES.has(incident.status.category.toLowerCase())) {
    return false;
  }
  return true;
}

/** An incident's times in ms; `resolvedMs` null while open, or when resolved after `now` (not yet, as of then). */
export interface IncidentTimes {
  createdMs: number;
  resolvedMs: number | null;
}

export function timesOf(incident: AnalysedIncident, now: number): IncidentTimes | undefined {
  const createdMs = Date.parse(incident.createdAt);
  if (Number.isNaN(createdMs)) return undefined;
  const resolved = incident.resolvedAt === null ? Number.NaN : Date.parse(incident.resolvedAt);
  return { createdMs, resolvedMs: Number.isNaN(resolved) || resolved > now ? null : resolved };
}

/** Seconds from creation to resolution; never negative (a resolution time edited to before creation counts 0). */
export function secondsToResolve(times: IncidentTimes): number | null {
  if (times.resolvedMs === null) return null;
  return Math.max(0, (times.resolvedMs - times.createdMs) / 1000);
}
