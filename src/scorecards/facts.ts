import type { MirroredIncident } from "../mirror/incident.js";
import type { Organisation } from "./organisation.js";

/** Status categories whose incidents were never real incidents; `incidents` leaves them out, `all incidents` keeps them. */
export const NOT_REAL_CATEGORIES: ReadonlySet<string> = new Set(["declined", "merged", "canceled"]);
/** Modes whose incidents are not real; `incidents` leaves them out, `all incidents` keeps them. */
export const NOT_REAL_MODES: ReadonlySet<string> = new Set(["test", "tutorial"]);

/** An incident read once per evaluation into the form rules test quickly: times in ms, names in lower case. */
export interface IncidentFacts {
  incident: MirroredIncident;
  createdMs: number;
  /** Null while the incident is open (or when its resolution time is unreadable). */
  resolvedMs: number | null;
  severityRank: number | null;
  status: string;
  category: string;
  type: string | null;
  mode: string;
  name: string;
  /** Not a test or tutorial, not declined, merged or canceled. */
  real: boolean;
}

/** Reads each incident once, however many entities it belongs to. */
export class FactsCache {
  private readonly cache = new Map<MirroredIncident, IncidentFacts>();

  constructor(private readonly organisation: Organisation) {}

  of(incidents: readonly MirroredIncident[]): IncidentFacts[] {
    const facts: IncidentFacts[] = new Array(incidents.length);
    for (let i = 0; i < incidents.length; i++) {
      const incident = incidents[i] as MirroredIncident;
      let fact = this.cache.get(incident);
      if (!fact) {
        fact = readFacts(incident, this.organisation);
        this.cache.set(incident, fact);
      }
      facts[i] = fact;
    }
    return facts;
  }
}

function readFacts(incident: MirroredIncident, organisation: Organisation): IncidentFacts {
  const resolved = incident.resolvedAt === null ? Number.NaN : Date.parse(incident.resolvedAt);
  const category = incident.status.category.toLowerCase();
  const mode = incident.mode.toLowerCase();
  const severity = incident.severity;
  return {
    incident,
    createdMs: Date.parse(incident.createdAt),
    resolvedMs: Number.isNaN(resolved) ? null : resolved,
    severityRank: severity ? (organisation.severity(severity.name)?.rank ?? severity.rank) : null,
    status: incident.status.name.toLowerCase(),
    category,
    type: incident.type ? incident.type.name.toLowerCase() : null,
    mode,
    name: incident.name.toLowerCase(),
    real: !NOT_REAL_MODES.has(mode) && !NOT_REAL_CATEGORIES.has(category),
  };
}

/** Whether a custom field of the incident has a value equal to `wanted` (lower case): label, external ID or alias. */
export function fieldHas(facts: IncidentFacts, field: string, wanted: string): boolean {
  for (const custom of facts.incident.customFields) {
    if (custom.fieldName.toLowerCase() !== field) continue;
    for (const value of custom.values) {
      if (value.label.toLowerCase() === wanted) return true;
      if (value.externalId?.toLowerCase() === wanted) return true;
      if (value.aliases?.some((alias) => alias.toLowerCase() === wanted)) return true;
    }
  }
  return false;
}

/** Whether a custom field has any value, or (with `part`) any label containing `part` (lower case). */
export function fieldMatches(facts: IncidentFacts, field: string, part?: string): boolean {
  for (const custom of facts.incident.customFields) {
    if (custom.fieldName.toLowerCase() !== field) continue;
    if (
      part === undefined
        ? custom.values.length > 0
        : custom.values.some((v) => v.label.toLowerCase().includes(part))
    )
      return true;
  }
  return false;
}
