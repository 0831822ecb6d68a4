import { IncidentKitError } from "../../api/index.js";
import type { MirroredIncident } from "../../mirror/incident.js";
import { invalidArgument } from "../../ops/invalid-argument.js";
import type { AnalysedText } from "./bm25.js";
import { categoricalValuesOf, type FieldValue, type ServiceValue, servicesOf } from "./features.js";
import type { SimilarIndex } from "./similar-index.js";

/**
 * What to find incidents similar to: an incident (its ID in the index, or the incident itself, e.g. one just
 * declared and not mirrored yet), or free text with optional services and severity, or both (the text is then
 * added to the incident's summary and the services to its own).
 */
export interface SimilarQuery {
  incident?: string | MirroredIncident | undefined;
  text?: string | undefined;
  /** Services by label, slug, alias or catalog ID, any case. */
  services?: readonly string[] | undefined;
  /** Severity name, any case; an incident's own severity wins. */
  severity?: string | undefined;
  /** The moment time proximity and a duration `timeRange` are measured from; default the incident's creation, else now. */
  at?: string | number | Date | undefined;
}

export interface ResolvedQuery {
  /** The query incident (its account and ID), never returned as its own match. */
  self?: { account: string; id: string };
  /** The query incident's account: incidents of other organisations are never its matches. */
  account?: string;
  text: AnalysedText;
  /** 0 when the query has no words the index keeps. */
  selfScore: number;
  services: ServiceValue[];
  fields: FieldValue[];
  severity?: string;
  referenceMs: number;
}

export function resolveQuery(index: SimilarIndex, query: SimilarQuery, nowMs: number): ResolvedQuery {
  const incident = typeof query.incident === "string" ? lookup(index, query.incident) : query.incident;
  if (!incident && !query.text?.trim() && !query.services?.length) {
    throw invalidArgument(
      "nothing to compare: the query has no incident, text or services",
      "give an incident, or some text (e.g. the alert's title) and optionally services",
    );
  }
  const summary = [index.summaryText(incident?.summary ?? null) ?? "", query.text ?? ""]
    .filter((part) => part.trim() !== "")
    .join("\n\n");
  const text = index.text.analyse({ name: incident?.name ?? "", summary });
  const services = new Map<string, ServiceValue>();
  for (const service of incident ? servicesOf(incident, index.options) : [])
    services.set(service.key, service);
  for (const name of query.services ?? []) {
    const service = index.resolveService(name);
    services.set(service.key, service);
  }
  const at = query.at ?? incident?.createdAt;
  const referenceMs = at === undefined ? nowMs : at instanceof Date ? at.getTime() : new Date(at).getTime();
  if (!Number.isFinite(referenceMs)) {
    throw invalidArgument(`invalid reference time: ${String(at)}`, "use an ISO 8601 time");
  }
  const severity = incident?.severity?.name ?? query.severity?.trim();
  return {
    ...(incident ? { self: { account: incident.account, id: incident.id }, account: incident.account } : {}),
    text,
    selfScore: index.text.selfScore(text),
    services: [...services.values()],
    fields: incident ? categoricalValuesOf(incident, index.options) : [],
    ...(severity ? { severity } : {}),
    referenceMs,
  };
}

function lookup(index: SimilarIndex, id: string): MirroredIncident {
  const found = index.get(id)?.incident;
  if (found) return found;
  throw new IncidentKitError({
    code: "not_found",
    message: `incident ${id} is not in the similar-incidents index`,
    hint: "sync the mirror first, or pass the incident itself",
  });
}
