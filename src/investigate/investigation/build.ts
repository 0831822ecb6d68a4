import type { CatalogEntity } from "../../catalog/index.js";
import type { MirroredIncident } from "../../mirror/index.js";
import type { IncidentContext } from "../../ops/context.js";
import type { ChangeCorrelation } from "../changes/index.js";
import { type FindingsReport, parseFindingsReport, type ReportIncident } from "../report.js";
import type { SimilarIncident } from "../similar/index.js";
import { probableCauses } from "./causes.js";
import { changeFinding, httpLink, similarFinding } from "./evidence.js";
import { suggestedNextSteps } from "./next-steps.js";
import type { PastFollowUpsRead } from "./past-follow-ups.js";
import { summaryParagraph } from "./summary.js";

/** Everything one investigation gathered; `buildReport` turns it into the findings report, deterministically. */
export interface InvestigationInputs {
  incident: MirroredIncident;
  /** Updates, roles and custom fields from incident.io; absent when they could not be read. */
  context?: Pick<IncidentContext, "updates" | "roles" | "customFields"> | undefined;
  /** The catalog entities the incident maps to. */
  services: readonly CatalogEntity[];
  /** The custom field mapping incidents to services, when the hub has a catalog. */
  serviceField?: string | undefined;
  /** Best first. */
  similar: readonly SimilarIncident[];
  /**
   * The follow-ups of the similar incidents, and what could not be read of them; absent when they were not read
   * (the report then has no follow-ups section).
   */
  pastFollowUps?: PastFollowUpsRead | undefined;
  /** Other parts that could not be read, said on the report. */
  warnings?: readonly string[] | undefined;
  /** The message of the update that resolved a similar incident with no cause or fix field, by incident ID. */
  closingUpdates?: ReadonlyMap<string, string> | undefined;
  correlation: ChangeCorrelation;
  /** From the severity → priority mapping; null when it does not name the severity. */
  priority: string | null;
  generatedAt: string;
}

export function buildReport(inputs: InvestigationInputs): FindingsReport {
  const { incident } = inputs;
  const changes = inputs.correlation.changes.map(changeFinding);
  const similar = inputs.similar.map((result) => ({
    finding: similarFinding(result, inputs.closingUpdates?.get(result.incident.id)),
    createdAt: result.incident.created,
  }));
  const causes = probableCauses({ incident, changes, similar });
  const similarIncidents = similar.map(({ finding }) => finding);
  const followUps = inputs.pastFollowUps?.read;
  const warnings = [...(inputs.warnings ?? []), ...(inputs.pastFollowUps?.warnings ?? [])];
  const reportIncident: ReportIncident = {
    id: incident.id,
    reference: incident.reference,
    name: incident.name,
    severity: incident.severity ? { name: incident.severity.name, rank: incident.severity.rank } : null,
    priority: inputs.priority,
    status: { name: incident.status.name, category: incident.status.category },
    permalink: httpLink(incident.permalink),
    createdAt: incident.createdAt,
  };
  return parseFindingsReport({
    incident: reportIncident,
    generatedAt: inputs.generatedAt,
    summary: summaryParagraph({
      incident: reportIncident,
      services: inputs.services.map((service) => service.name),
      ...(inputs.context ? { context: inputs.context } : {}),
      changes,
      similar: similarIncidents,
      causes,
      windowHours: windowHours(inputs.correlation),
    }),
    probableCauses: causes,
    similarIncidents,
    changes,
    suggestedNextSteps: suggestedNextSteps({
      reference: incident.reference,
      changes,
      similar: similarIncidents,
      services: inputs.services,
      serviceField: inputs.serviceField,
      ...(followUps ? { pastFollowUps: followUps.incidents } : {}),
    }),
    ...(followUps ? { pastFollowUps: followUps } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  });
}

function windowHours(correlation: ChangeCorrelation): number {
  const ms = Date.parse(correlation.window.to) - Date.parse(correlation.window.from);
  return Math.round((ms / 3_600_000) * 10) / 10;
}
