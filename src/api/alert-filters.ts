import { type DateFilter, dateFilter, type IdList } from "./filters.js";
import type { QueryObject } from "./query.js";
import type { AlertStatus } from "./types/alerts.js";

type OneOrMany<T> = T | readonly T[];

/**
 * Every filter `GET /v2/alerts` reads; all given must match. Sent bracket-encoded (`status[one_of]=firing`), the
 * only form incident.io reads.
 */
export interface AlertsListFilter {
  /** Alerts with one of these deduplication keys: the alert an event you sent created. */
  deduplication_key?: { is?: OneOrMany<string> };
  status?: { one_of?: OneOrMany<AlertStatus>; not_in?: OneOrMany<AlertStatus> };
  /** By alert source ID. */
  alert_source?: { one_of?: IdList; not_in?: IdList };
  alert_group_id?: { one_of?: IdList };
  created_at?: DateFilter;
  /** Keyed by alert attribute ID, then operator (which operators depend on the attribute's type). */
  attributes?: Record<string, Record<string, IdList>>;
  has_notes?: { is?: boolean };
  /** incident.io includes alerts held by a maintenance window unless this is `false`. */
  include_maintenance_window?: { is?: boolean };
}

/** The filter as a query object for `encodeQuery`. */
export function alertsListQuery(filter: AlertsListFilter = {}): QueryObject {
  const { created_at, ...rest } = filter;
  return { ...(rest as QueryObject), created_at: dateFilter(created_at) };
}
