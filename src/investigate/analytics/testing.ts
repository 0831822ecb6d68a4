import type { AnalysedIncident } from "./incidents.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const CRITICAL = { name: "Critical", rank: 3 };
export const MAJOR = { name: "Major", rank: 2 };
export const MINOR = { name: "Minor", rank: 1 };

export interface TestIncident extends AnalysedIncident {
  /** For reading test failures. */
  name: string;
}

/** An incident created at `created` (ms), resolved `hours` later (null: open), standard and closed unless told. */
export function incidentAt(
  name: string,
  created: number,
  hours: number | null,
  extra: { severity?: AnalysedIncident["severity"]; mode?: string; category?: string } = {},
): TestIncident {
  return {
    name,
    createdAt: new Date(created).toISOString(),
    resolvedAt: hours === null ? null : new Date(created + hours * HOUR_MS).toISOString(),
    severity: extra.severity === undefined ? MAJOR : extra.severity,
    mode: extra.mode ?? "standard",
    status: { category: extra.category ?? (hours === null ? "live" : "closed") },
  };
}
