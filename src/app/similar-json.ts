import type { SimilarIncident } from "../investigate/similar/index.js";

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
    /** Free-text custom fields about the cause or the fix; empty while it is not resolved. */
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
      notes: resolution.notes,
    },
  };
}

/** How it ended, in one line: "Closed, resolved in 2h 5m: Root cause: pool too small | Fix: raised the pool size". */
export function resolutionText(json: SimilarIncidentJson, duration: (seconds: number) => string): string {
  const { resolution } = json;
  const took =
    resolution.time_to_resolve_seconds === null
      ? "not resolved"
      : `resolved in ${duration(resolution.time_to_resolve_seconds)}`;
  const notes = resolution.notes.map((note) => `${note.field}: ${note.text}`);
  return `${resolution.status}, ${took}${notes.length > 0 ? `: ${notes.join(" | ")}` : ""}`;
}
