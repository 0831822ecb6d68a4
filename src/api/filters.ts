import type { QueryObject, QueryValue } from "./query.js";
import type { OpenEnum } from "./types/open-enum.js";
import type { IncidentStatusCategory } from "./types/settings.js";

/** One ID or several (sent as repeated keys). */
export type IdList = string | readonly string[];
type DateValue = string | Date;

export interface DateFilter {
  /** On or after, e.g. "2026-01-01". */
  gte?: DateValue;
  lte?: DateValue;
  /** From and to (inclusive); sent as `from~to`. */
  date_range?: readonly [DateValue, DateValue] | string;
}

/** Operators accepted by a custom field filter depend on the field's type; `one_of`/`not_in` suit select fields. */
export interface CustomFieldFilter {
  one_of?: IdList;
  not_in?: IdList;
  [operator: string]: IdList | boolean | undefined;
}

export interface IncidentRoleFilter {
  one_of?: IdList;
  is_blank?: boolean;
  is_set?: boolean;
  [operator: string]: IdList | boolean | undefined;
}

/** Every filter `GET /v2/incidents` reads. Leaving out `mode` lists standard and retrospective incidents only. */
export interface IncidentsListFilter {
  status?: { one_of?: IdList; not_in?: IdList };
  status_category?: {
    one_of?: OpenEnum<IncidentStatusCategory> | readonly OpenEnum<IncidentStatusCategory>[];
    not_in?: OpenEnum<IncidentStatusCategory> | readonly OpenEnum<IncidentStatusCategory>[];
  };
  /** `gte`/`lte` take a severity ID and compare by its rank. */
  severity?: { one_of?: IdList; not_in?: IdList; gte?: IdList; lte?: IdList };
  created_at?: DateFilter;
  updated_at?: DateFilter;
  mode?: { one_of?: OpenEnum<"standard" | "retrospective" | "test" | "tutorial"> | readonly string[] };
  incident_type?: { one_of?: IdList; not_in?: IdList };
  /** Keyed by incident role ID. */
  incident_role?: Record<string, IncidentRoleFilter>;
  /** Keyed by custom field ID. */
  custom_field?: Record<string, CustomFieldFilter>;
  sort_by?: OpenEnum<"created_at_newest_first" | "created_at_oldest_first">;
  /** `all` (default) needs every filter to match; `any` needs one. */
  filter_mode?: OpenEnum<"all" | "any">;
}

function date(value: DateValue): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** A date filter in query form: dates as ISO strings, a range as `from~to`. */
export function dateFilter(filter: DateFilter | undefined): QueryObject | undefined {
  if (!filter) return undefined;
  const range = filter.date_range;
  return {
    gte: filter.gte === undefined ? undefined : date(filter.gte),
    lte: filter.lte === undefined ? undefined : date(filter.lte),
    date_range:
      range === undefined
        ? undefined
        : typeof range === "string"
          ? range
          : `${date(range[0])}~${date(range[1])}`,
  };
}

/** The filter as a query object for `encodeQuery`, in the bracket form incident.io reads. */
export function incidentsListQuery(filter: IncidentsListFilter = {}): QueryObject {
  const { created_at, updated_at, ...rest } = filter;
  return {
    ...(rest as { [key: string]: QueryValue }),
    created_at: dateFilter(created_at),
    updated_at: dateFilter(updated_at),
  };
}
