import type { MirroredIncident } from "../mirror/incident.js";
import { compileRule } from "./compile.js";
import type { ScoredEntity, SeverityDefinition } from "./entity.js";
import { FactsCache } from "./facts.js";
import { Organisation } from "./organisation.js";

export const NOW = Date.parse("2026-11-23T12:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const SEVERITIES: SeverityDefinition[] = [
  { name: "Minor", rank: 1 },
  { name: "Major", rank: 2 },
  { name: "Critical", rank: 3 },
];

const CATEGORY_OF: Record<string, string> = {
  Triage: "triage",
  Declined: "declined",
  Merged: "merged",
  Canceled: "canceled",
  Investigating: "live",
  Fixing: "live",
  Monitoring: "live",
  Paused: "paused",
  Documenting: "learning",
  Closed: "closed",
};

export interface IncidentSpec {
  severity?: string | null;
  /** Days before NOW it was created (fractions allowed). */
  daysAgo?: number;
  /** Hours from creation to resolution; null (the default) leaves it open. */
  resolvedAfterHours?: number | null;
  status?: string;
  type?: string | null;
  mode?: string;
  name?: string;
  fields?: Record<string, string[]>;
}

let next = 1;

/** A mirrored incident of the test organisation; closed when resolved, Investigating when open. */
export function incident(spec: IncidentSpec = {}): MirroredIncident {
  const n = next++;
  const created = NOW - (spec.daysAgo ?? 1) * DAY;
  const resolvedAfter = spec.resolvedAfterHours ?? null;
  const status = spec.status ?? (resolvedAfter === null ? "Investigating" : "Closed");
  const severityName = spec.severity === undefined ? "Minor" : spec.severity;
  const severity = SEVERITIES.find((s) => s.name === severityName);
  return {
    id: `01INC${n}`,
    account: "default",
    reference: `INC-${n}`,
    name: spec.name ?? `Incident ${n}`,
    summary: null,
    severity: severity ? { id: `sev-${severity.name}`, ...severity } : null,
    status: { id: `st-${status}`, name: status, category: CATEGORY_OF[status] ?? "live" },
    type: spec.type ? { id: `type-${spec.type}`, name: spec.type } : null,
    mode: spec.mode ?? "standard",
    visibility: "public",
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created).toISOString(),
    resolvedAt: resolvedAfter === null ? null : new Date(created + resolvedAfter * HOUR).toISOString(),
    permalink: null,
    customFields: Object.entries(spec.fields ?? {}).map(([fieldName, labels]) => ({
      fieldId: `field-${fieldName}`,
      fieldName,
      values: labels.map((label) => ({ label })),
    })),
  };
}

export const ENTITY: ScoredEntity = {
  ref: "component:default/payments-api",
  name: "payments-api",
  title: "Payments API",
  kind: "Component",
  type: "service",
  owner: "team-payments",
  system: "payments",
  lifecycle: "production",
  tags: ["tier-1", "pci"],
  annotations: { "pagerduty.com/service-id": "P123" },
};

/** Evaluates one expression for one entity at NOW: whether it passes, and its explanation. */
export function check(
  expression: string,
  incidents: MirroredIncident[] = [],
  options: { entity?: Partial<ScoredEntity>; hasMapping?: boolean } = {},
): { passed: boolean; explanation: string } {
  const organisation = new Organisation(SEVERITIES);
  const run = compileRule(expression).bind(organisation);
  const facts = new FactsCache(organisation).of(incidents);
  const subject = {
    entity: { ...ENTITY, ...options.entity },
    incidents,
    hasMapping: options.hasMapping ?? true,
  };
  const measure = run({ subject, facts, nowMs: NOW, sets: new Map() });
  return { passed: measure.value === true, explanation: measure.phrase };
}

/** A pattern matching exactly this text. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}
