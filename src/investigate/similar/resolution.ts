import type { MirroredIncident } from "../../mirror/incident.js";
import { withoutFindings } from "../findings-block.js";

/**
 * How a past incident ended, as far as the mirror knows: so an investigation can show "how it was resolved"
 * next to each similar incident. Nothing here is inferred; every field is read off the incident.
 */
export interface ResolutionEvidence {
  status: string;
  statusCategory: string;
  resolvedAt: string | null;
  /** From creation to resolution; null while the incident is open. */
  timeToResolveMs: number | null;
  /**
   * The summary's last paragraph when the summary has more than one: where responders (and findings appended
   * by incidentkit) write what was done. A one-paragraph summary describes the problem, so it is not repeated.
   */
  summaryTail: string | null;
  /** Free-text custom fields about the cause or the fix, e.g. "Root cause". */
  notes: { field: string; text: string }[];
}

const NOTE_FIELD = /cause|resolution|resolved|fix|remediation|mitigation/i;

export function resolutionOf(incident: MirroredIncident): ResolutionEvidence {
  const resolvedMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Number.NaN;
  const createdMs = Date.parse(incident.createdAt);
  const notes = incident.customFields
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
    summaryTail: lastParagraph(withoutFindings(incident.summary)),
    notes,
  };
}

function lastParagraph(summary: string | null): string | null {
  const paragraphs = (summary ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return paragraphs.length > 1 ? (paragraphs[paragraphs.length - 1] ?? null) : null;
}
