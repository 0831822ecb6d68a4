import type { MirroredIncident } from "../../mirror/incident.js";

/**
 * How a past incident ended, as far as the mirror knows: so an investigation can show "how it was resolved"
 * next to each similar incident. Nothing here is inferred; every field is read off the incident.
 */
export interface ResolutionEvidence {
  status: string;
  statusCategory: string;
  /** Null while the incident is not resolved (open, paused, or declined, merged, canceled). */
  resolvedAt: string | null;
  /** From creation to resolution; null while the incident is not resolved. */
  timeToResolveMs: number | null;
  /**
   * Free-text custom fields about the cause or the fix, e.g. "Root cause"; only for a resolved incident. Until
   * then such a field holds a guess in progress, and the summary describes the problem (its lines are never
   * quoted as a resolution: for an incident opened from an alert they are the alert's own words).
   */
  notes: { field: string; text: string }[];
}

const NOTE_FIELD = /cause|resolution|resolved|fix|remediation|mitigation/i;

export function resolutionOf(incident: MirroredIncident): ResolutionEvidence {
  const resolvedMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Number.NaN;
  const createdMs = Date.parse(incident.createdAt);
  const notes =
    incident.resolvedAt === null
      ? []
      : incident.customFields
          .filter((field) => NOTE_FIELD.test(field.fieldName))
          .flatMap((field) =>
            field.values
              .filter((value) => value.id === undefined && value.label.trim() !== "")
              .map((value) => ({ field: field.fieldName, text: value.label.trim() })),
          );
  return {
    status: incident.status.name,
    statusCategory: incident.status.category,
    resolvedAt: incident.resolvedAt,
    timeToResolveMs: Number.isFinite(resolvedMs - createdMs) ? Math.max(0, resolvedMs - createdMs) : null,
    notes,
  };
}
