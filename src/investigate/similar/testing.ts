import type { MirroredIncident } from "../../mirror/incident.js";

/** Builders for tests: a mirrored incident with sensible defaults, and the fields the ranking reads. */

export const DAY = 86_400_000;
export const BASE_TIME = Date.parse("2026-03-01T12:00:00Z");

const SEVERITY_RANK: Record<string, number> = { Minor: 1, Major: 2, Critical: 3 };

export interface IncidentSpec {
  id: string;
  name: string;
  summary?: string | null;
  services?: string[];
  severity?: string | null;
  /** Days after BASE_TIME (negative: before). */
  day?: number;
  impact?: string;
  mode?: string;
  account?: string;
  status?: { name: string; category: string };
  resolvedAfterHours?: number;
  rootCause?: string;
}

/** `services` are slugs; each becomes a catalog entry of the "Affected services" field with a title-case label. */
export function mirrored(spec: IncidentSpec): MirroredIncident {
  const created = BASE_TIME + (spec.day ?? 0) * DAY;
  const customFields: MirroredIncident["customFields"] = [];
  if (spec.services?.length) {
    customFields.push({
      fieldId: "F-services",
      fieldName: "Affected services",
      values: spec.services.map((slug) => ({ label: titleCase(slug), id: `E-${slug}`, externalId: slug })),
    });
  }
  if (spec.impact) {
    customFields.push({
      fieldId: "F-impact",
      fieldName: "Customer impact",
      values: [{ label: spec.impact, id: `O-${spec.impact}` }],
    });
  }
  if (spec.rootCause) {
    customFields.push({ fieldId: "F-root", fieldName: "Root cause", values: [{ label: spec.rootCause }] });
  }
  const severity = spec.severity === undefined ? "Major" : spec.severity;
  const resolved =
    spec.resolvedAfterHours === undefined ? null : new Date(created + spec.resolvedAfterHours * 3_600_000);
  return {
    id: spec.id,
    account: spec.account ?? "prod",
    reference: `INC-${spec.id.replace(/\D/g, "") || "0"}`,
    name: spec.name,
    summary: spec.summary ?? null,
    severity: severity ? { id: `S-${severity}`, name: severity, rank: SEVERITY_RANK[severity] ?? 0 } : null,
    status: { id: "ST", ...(spec.status ?? { name: "Closed", category: "closed" }) },
    type: null,
    mode: spec.mode ?? "standard",
    visibility: "public",
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created).toISOString(),
    resolvedAt: resolved?.toISOString() ?? null,
    permalink: `https://app.incident.io/acme/incidents/${spec.id}`,
    customFields,
  };
}

function titleCase(slug: string): string {
  return slug
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");
}
