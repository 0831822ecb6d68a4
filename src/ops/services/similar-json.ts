import type { SimilarIncident } from "../../investigate/similar/index.js";

/** A similar incident as `--json` and the MCP tools show it: snake_case, reasons as sentences, seconds. */
export interface SimilarIncidentJson {
  id: string;
  reference: string;
  name: string;
  severity: string | null;
  status: string;
  created_at: string;
  permalink: string | null;
  /** 0..1, three decimals. */
  score: number;
  /** Strongest first. */
  reasons: string[];
  resolution: {
    status: string;
    resolved_at: string | null;
    time_to_resolve_seconds: number | null;
    /** The summary's last paragraph, where responders write what was done; null when it has one paragraph. */
    summary_tail: string | null;
    /** Free-text custom fields about the cause or the fix. */
    notes: { field: string; text: string }[];
  };
}

export function similarIncidentJson(result: SimilarIncident): SimilarIncidentJson {
  const { incident, resolution } = result;
  return {
    id: incident.id,
    reference: incident.reference,
    name: incident.name,
    severity: incident.severity,
    status: incident.status,
    created_at: incident.created,
    permalink: incident.permalink,
    score: Math.round(result.score * 1000) / 1000,
    reasons: result.reasons.map((reason) => reason.text),
    resolution: {
      status: resolution.status,
      resolved_at: resolution.resolvedAt,
      time_to_resolve_seconds:
        resolution.timeToResolveMs === null ? null : Math.round(resolution.timeToResolveMs / 1000),
      summary_tail: resolution.summaryTail,
      notes: resolution.notes,
    },
  };
}

/** How it ended, in one line: "Closed, resolved in 2h 5m: Raised the pool size | Root cause: pool too small". */
export function resolutionText(json: SimilarIncidentJson, duration: (seconds: number) => string): string {
  const { resolution } = json;
  const took =
    resolution.time_to_resolve_seconds === null
      ? "not resolved"
      : `resolved in ${duration(resolution.time_to_resolve_seconds)}`;
  const notes = [
    ...(resolution.summary_tail ? [resolution.summary_tail] : []),
    ...resolution.notes.map((note) => `${note.field}: ${note.text}`),
  ];
  return `${resolution.status}, ${took}${notes.length > 0 ? `: ${notes.join(" | ")}` : ""}`;
}
