import {
  AnalyticsInputError,
  defaultPriorities,
  incidentCounts,
  mttrReport,
  type PriorityMapping,
  windowOf,
} from "../../../investigate/analytics/index.js";
import { incidentsOfAccount } from "../../../ops/services/account-incidents.js";
import type { ServiceDirectory } from "../../../ops/services/directory.js";
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
      `The window “${since}” is not a duration like 90d, 12w or 36h; showing ${DEFAULT_ANALYTICS_QUERY.since}.`,
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

/**
 * The analytics page: time to resolve by severity (with priorities) and by service or team over the window, and
 * the incidents created in each month of it. Test, tutorial, declined, merged and canceled incidents are left out.
 */
export function analyticsPage(
  input: {
    query: AnalyticsQuery;
    problems: string[];
    now: number;
    priorities?: PriorityMapping;
    accounts?: readonly string[];
  },
  directory: ServiceDirectory,
  view: DirectoryView,
): AnalyticsPageModel {
  const { query, now } = input;
  const window = windowOf({ since: query.since }, now, DEFAULT_ANALYTICS_QUERY.since);
  const { incidents, byEntity } = incidentsOfAccount(directory, view.snapshot, query.account ?? undefined);
  const severities = view.snapshot.severities;
  const priorities = input.priorities ?? defaultPriorities(severities);
  const bySeverity = mttrReport(incidents, { by: "severity", window, now, priorities });
  const byGroup = directory.mapping
    ? mttrReport(incidents, {
        by: query.by,
        window,
        now,
        services: { entities: directory.catalog.entities, byEntity },
      })
    : null;
  const counts = incidentCounts(incidents, { by: "month", window, now, severities, priorities });
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
