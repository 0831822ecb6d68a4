import {
  type AnalysedEntity,
  type AnalysedIncident,
  type CountsReport,
  defaultPriorities,
  incidentCounts,
  type MttrDimension,
  type MttrReport,
  mttrReport,
  type PeriodUnit,
  type PriorityMapping,
  type RankedSeverity,
  type TimeWindow,
} from "../investigate/analytics/index.js";
import type { MirroredIncident } from "../mirror/index.js";
import { incidentsOfAccount } from "./account-incidents.js";
import type { ServiceDirectory } from "./directory.js";

/**
 * What analytics read of a hub: its incidents (of every account it serves), each catalog entity's incidents, the
 * catalog's entities and the severities seen. Plain data, so a worker thread can be given it.
 */
export interface AnalyticsSource<T extends AnalysedIncident & { account: string }> {
  incidents: readonly T[];
  byEntity: ReadonlyMap<string, readonly T[]>;
  entities: readonly AnalysedEntity[];
  severities: readonly RankedSeverity[];
}

/** A question to analytics: over which window, about which account (every account's when absent). */
export interface AnalyticsQuestion {
  window: TimeWindow;
  /** Resolutions after `now` do not count yet. */
  now: number;
  account?: string | undefined;
  /** Severity → priority; default: by name, else by rank, of the severities seen. */
  priorities?: PriorityMapping | undefined;
}

/** The analytics source of a running hub's directory, as of its current snapshot. */
export async function hubAnalytics(directory: ServiceDirectory): Promise<AnalyticsSource<MirroredIncident>> {
  const snapshot = await directory.current();
  return {
    incidents: [...directory.incidents()],
    byEntity: snapshot.byEntity,
    entities: directory.catalog.entities,
    severities: snapshot.severities,
  };
}

/** Time to resolve, grouped `by`: what the web UI, `incidentkit analytics mttr` and MCP's `get_mttr` report. */
export function accountMttr<T extends AnalysedIncident & { account: string }>(
  source: AnalyticsSource<T>,
  question: AnalyticsQuestion & { by: MttrDimension },
): MttrReport {
  const { incidents, byEntity } = ofAccount(source, question.account);
  return mttrReport(incidents, {
    by: question.by,
    window: question.window,
    now: question.now,
    services: { entities: source.entities, byEntity },
    priorities: question.priorities ?? defaultPriorities(source.severities),
  });
}

/** Incidents created per month or week, by severity: the web UI's and `incidentkit analytics counts`. */
export function accountCounts<T extends AnalysedIncident & { account: string }>(
  source: AnalyticsSource<T>,
  question: AnalyticsQuestion & { by: PeriodUnit },
): CountsReport {
  return incidentCounts(ofAccount(source, question.account).incidents, {
    by: question.by,
    window: question.window,
    now: question.now,
    severities: source.severities,
    priorities: question.priorities ?? defaultPriorities(source.severities),
  });
}

function ofAccount<T extends AnalysedIncident & { account: string }>(
  source: AnalyticsSource<T>,
  account: string | undefined,
) {
  return incidentsOfAccount({ incidents: () => source.incidents }, source, account);
}
