import { accountCounts, accountMttr } from "../../../app/analytics.js";
import type { ServiceDirectory } from "../../../app/directory.js";
import {
  type AnalysedEntity,
  type AnalysedIncident,
  AnalyticsInputError,
  type PriorityMapping,
  type RankedSeverity,
  windowOf,
} from "../../../investigate/analytics/index.js";
import type { MirroredIncident } from "../../../mirror/index.js";
import { DURATION_HINT } from "../../../shared/duration.js";
import type { AnalyticsGrouping, AnalyticsPageModel, AnalyticsQuery } from "../investigation-model.js";
import type { DirectoryView } from "./view.js";

export const DEFAULT_ANALYTICS_QUERY: AnalyticsQuery = { since: "90d", by: "service", account: null };

/**
 * The query as the form sent it; anything unusable falls back to the default, with a problem saying so. With
 * several `accounts` (the hub's own first), the report is on one of them, by default the hub's own.
 */
export function analyticsQuery(
  raw: { since?: string | undefined; by?: string | undefined; account?: string | undefined },
  now: number,
  accounts: readonly string[] = [],
): { query: AnalyticsQuery; problems: string[] } {
  const problems: string[] = [];
  let since = raw.since?.trim() || DEFAULT_ANALYTICS_QUERY.since;
  try {
    windowOf({ since }, now, DEFAULT_ANALYTICS_QUERY.since);
  } catch (error) {
    if (!(error instanceof AnalyticsInputError)) throw error;
    problems.push(
      `The window: ${DURATION_HINT}; ignored “${since.slice(0, 40)}”, showing ${DEFAULT_ANALYTICS_QUERY.since}.`,
    );
    since = DEFAULT_ANALYTICS_QUERY.since;
  }
  const wanted = raw.by?.trim().toLowerCase() || DEFAULT_ANALYTICS_QUERY.by;
  let by: AnalyticsGrouping = DEFAULT_ANALYTICS_QUERY.by;
  if (wanted === "service" || wanted === "team") by = wanted;
  else problems.push(`Grouping “${raw.by}” is not service or team; showing by ${by}.`);
  let account: string | null = null;
  if (accounts.length > 1) {
    const [own] = accounts;
    const asked = raw.account?.trim();
    account = asked && accounts.includes(asked) ? asked : (own ?? null);
    if (asked && !accounts.includes(asked))
      problems.push(`This hub does not serve the account “${asked}”; showing ${account}.`);
  }
  return { query: { since, by, account }, problems };
}

/** An incident as the analytics page reads it. */
export interface AnalyticsIncident extends AnalysedIncident {
  account: string;
}

/**
 * What the analytics page reads of one directory snapshot, as plain data (a worker thread can be given it): the
 * incidents, each entity's incidents as indexes into them, the catalog's entities and the severities seen.
 */
export interface AnalyticsData {
  incidents: AnalyticsIncident[];
  byEntity: Array<[string, number[]]>;
  entities: AnalysedEntity[];
  severities: RankedSeverity[];
  /** Whether the catalog maps incidents to entities at all: without, there is no by-service report. */
  mapped: boolean;
}

/** The analytics page's input besides the data. */
export interface AnalyticsInput {
  query: AnalyticsQuery;
  problems: string[];
  now: number;
  priorities?: PriorityMapping;
  accounts?: readonly string[];
}

/** The snapshot's analytics data: only what the reports read of each incident and entity. */
export function analyticsData(directory: ServiceDirectory, view: DirectoryView): AnalyticsData {
  const index = new Map<MirroredIncident, number>();
  const incidents = [...directory.incidents()].map((incident, i): AnalyticsIncident => {
    index.set(incident, i);
    const { account, createdAt, resolvedAt, severity, mode, status } = incident;
    return {
      account,
      createdAt,
      resolvedAt,
      severity: severity && { name: severity.name, rank: severity.rank },
      mode,
      status: { category: status.category },
    };
  });
  return {
    incidents,
    byEntity: [...view.snapshot.byEntity].map(([ref, list]) => [
      ref,
      list.flatMap((incident) => index.get(incident) ?? []),
    ]),
    entities: directory.catalog.entities.map(({ ref, name, title, displayName, owner }) => ({
      ref,
      name,
      ...(title !== undefined ? { title } : {}),
      ...(displayName !== undefined ? { displayName } : {}),
      ...(owner !== undefined ? { owner } : {}),
    })),
    severities: view.snapshot.severities.map(({ name, rank }) => ({ name, rank })),
    mapped: directory.mapping !== undefined,
  };
}

/** Each entity's incidents as objects, worked out once per data. */
const entityIncidents = new WeakMap<AnalyticsData, Map<string, AnalyticsIncident[]>>();

/**
 * The analytics page: time to resolve by severity (with priorities) and by service or team over the window, and
 * the incidents created in each month of it. Test, tutorial, declined, merged and canceled incidents are left out.
 */
export function analyticsModel(input: AnalyticsInput, data: AnalyticsData): AnalyticsPageModel {
  const { query, now } = input;
  const window = windowOf({ since: query.since }, now, DEFAULT_ANALYTICS_QUERY.since);
  let byEntityAll = entityIncidents.get(data);
  if (!byEntityAll) {
    byEntityAll = new Map(
      data.byEntity.map(([ref, indexes]) => [ref, indexes.flatMap((i) => data.incidents[i] ?? [])]),
    );
    entityIncidents.set(data, byEntityAll);
  }
  const source = { ...data, byEntity: byEntityAll };
  const question = { window, now, account: query.account ?? undefined, priorities: input.priorities };
  const bySeverity = accountMttr(source, { ...question, by: "severity" });
  const byGroup = data.mapped ? accountMttr(source, { ...question, by: query.by }) : null;
  const counts = accountCounts(source, { ...question, by: "month" });
  return {
    query,
    accounts: (input.accounts ?? []).length > 1 ? [...(input.accounts ?? [])] : [],
    problems: input.problems,
    window: bySeverity.window,
    bySeverity,
    byGroup,
    perMonth: {
      severities: [...counts.severities]
        .sort((a, b) => a.rank - b.rank)
        .map(({ name, rank }) => ({ name, rank })),
      months: counts.rows.map((row) => ({ month: row.period, counts: row.bySeverity })),
    },
  };
}
