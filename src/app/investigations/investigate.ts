import { IncidentKitError } from "../../api/index.js";
import type { CatalogEntity } from "../../catalog/index.js";
import { defaultPriorities, type PriorityMapping, priorityOf } from "../../investigate/analytics/priority.js";
import { correlateChanges } from "../../investigate/changes/correlate.js";
import { buildReport } from "../../investigate/investigation/build.js";
import { closingUpdates } from "../../investigate/investigation/closing-updates.js";
import { pastFollowUps } from "../../investigate/investigation/past-follow-ups.js";
import type { FindingsReport } from "../../investigate/report.js";
import { type MirroredIncident, refreshIncident } from "../../mirror/index.js";
import { incidentContext } from "../../ops/context.js";
import type { OpsSession } from "../../ops/session.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import type { ServiceDirectory } from "../directory.js";
import { similarLeads } from "./similar-leads.js";

/** What an investigation reads: the hub's database and directory, and the incident's account. */
export interface InvestigationDeps {
  store: Store;
  /** The incident's account: the incident is re-read and its updates listed with it. */
  session: OpsSession;
  directory: ServiceDirectory;
  clock: Clock;
  /** Severity → priority as configured; by default by name (Critical P0 … Low P3), else by rank. */
  priorities?: PriorityMapping;
  /** The custom field mapping incidents to services, named in next steps when an incident has no service. */
  serviceField?: string;
}

export interface InvestigateOptions {
  /** The incident as just mirrored (e.g. by the webhook that started this), so it is not read again. */
  mirrored?: MirroredIncident;
  /** Told when a part could not be read (the report is made without it). */
  onWarning?: (message: string) => void;
}

/**
 * Investigates one incident now: refreshes it in the mirror, reads its updates and roles, maps it to its
 * services, ranks similar past incidents (top 5, with how the resolved ones were resolved: a cause or fix field,
 * else the update that resolved them, and the follow-ups they left) and lists the changes in the 4 hours before
 * it; then builds the findings report. No model, no guessing: the same inputs give the same report, and every
 * claim carries its evidence. Follow-ups that cannot be read are a warning on the report, never a failed run.
 */
export async function investigate(
  deps: InvestigationDeps,
  incidentId: string,
  options: InvestigateOptions = {},
): Promise<FindingsReport> {
  const incident =
    options.mirrored ?? (await refreshIncident(deps.store, deps.session, incidentId, { clock: deps.clock }));
  if (!incident) {
    throw new IncidentKitError({
      code: "not_found",
      message: `incident ${incidentId} could not be mirrored`,
      hint: "check that the hub's account can read it",
    });
  }
  let context: Awaited<ReturnType<typeof incidentContext>> | undefined;
  try {
    context = await incidentContext(deps.session, incident.id);
  } catch (error) {
    options.onWarning?.(`the incident's updates and roles could not be read: ${messageOf(error)}`);
  }
  const services = (deps.directory.mapping?.entitiesFor(incident) ?? [])
    .map((ref) => deps.directory.entity(ref))
    .filter((entity): entity is CatalogEntity => entity !== undefined);
  // The ranking leaves incidentkit's own text (findings blocks, the hub's alert lines) out of what it compares.
  const similar = await similarLeads(deps.directory, incident);
  const [closing, followUps] = await Promise.all([
    closingUpdates(deps.session, similar.results, options.onWarning),
    pastFollowUps(deps.session, similar.results),
  ]);
  for (const warning of followUps.warnings) options.onWarning?.(warning);
  const correlation = await correlateChanges(deps.store, incident, { directory: deps.directory });
  return buildReport({
    incident,
    ...(context ? { context } : {}),
    services,
    serviceField: deps.serviceField,
    similar: similar.results,
    closingUpdates: closing,
    pastFollowUps: followUps,
    correlation,
    priority: incident.severity ? await priorityFor(deps, incident.severity.name) : null,
    generatedAt: new Date(deps.clock.now()).toISOString(),
  });
}

async function priorityFor(deps: InvestigationDeps, severity: string): Promise<string | null> {
  if (deps.priorities) return priorityOf(deps.priorities, severity);
  let known: { name: string; rank: number }[];
  try {
    known = await deps.session.lookups.severities();
  } catch {
    known = (await deps.directory.current()).severities;
  }
  return priorityOf(defaultPriorities(known), severity);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
