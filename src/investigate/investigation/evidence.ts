import { serviceName } from "../changes/change.js";
import type { CorrelatedChange } from "../changes/correlate.js";
import { describeLead } from "../changes/reasons.js";
import type { ChangeFinding, SimilarFinding } from "../report.js";
import type { SimilarIncident } from "../similar/index.js";
import type { ResolutionEvidence } from "../similar/resolution.js";

/** What the investigation found, as the report lists it: each item keeps what it rests on. */

const MAX_RESOLUTION_CHARS = 500;

/**
 * A similar incident as the report shows it, with how it was resolved as far as the incident says. `closingUpdate`
 * is the message of the update that resolved it, when it has no cause or fix field (see `closingUpdates`).
 */
export function similarFinding(result: SimilarIncident, closingUpdate?: string): SimilarFinding {
  return {
    id: result.incident.id,
    reference: result.incident.reference,
    name: result.incident.name,
    score: Math.min(1, Math.max(0, Math.round(result.score * 1000) / 1000)),
    reasons: result.reasons.map((reason) => reason.text),
    resolution: resolutionText(result.resolution, closingUpdate),
    status: result.incident.status,
    resolved: result.resolution.resolvedAt !== null,
    permalink: httpLink(result.incident.permalink),
  };
}

/**
 * How a resolved incident was resolved, in its own words: its cause or fix custom fields ("Root cause: …"), else
 * the update that resolved it, with the time it took. Null for an incident not resolved, and for one that says
 * nothing about it: no line of its summary is taken for a resolution.
 */
export function resolutionText(evidence: ResolutionEvidence, closingUpdate?: string): string | null {
  if (evidence.resolvedAt === null) return null;
  const parts =
    evidence.notes.length > 0
      ? evidence.notes.map((note) => `${note.field}: ${note.text}`)
      : closingUpdate?.trim()
        ? [closingUpdate]
        : [];
  if (parts.length === 0) return null;
  const text = clip(parts.join(" · ").replace(/\s+/g, " ").trim(), MAX_RESOLUTION_CHARS);
  return evidence.timeToResolveMs !== null
    ? `${text} (resolved after ${describeLead(evidence.timeToResolveMs)})`
    : text;
}

export function changeFinding(correlated: CorrelatedChange): ChangeFinding {
  const { change } = correlated;
  return {
    service: serviceName(correlated.service),
    kind: change.kind,
    description: change.description,
    author: change.author,
    link: httpLink(change.link),
    happenedAt: change.happenedAt,
    leadMs: Math.max(0, correlated.leadMs),
    viaDependency: correlated.dependencyOf.length > 0,
    dependencyOf: correlated.dependencyOf.map(serviceName),
    environment: change.environment,
    production: correlated.production,
  };
}

/** An http(s) URL, or null: the report's links must be something a person can open. */
export function httpLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
