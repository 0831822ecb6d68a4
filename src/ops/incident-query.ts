import { INCIDENT_STATUS_CATEGORIES, type IncidentsListFilter } from "../api/index.js";
import { customFieldFilter } from "./custom-field-values.js";
import { invalidArgument } from "./invalid-argument.js";
import type { Lookups } from "./lookups.js";

/** A search for incidents in incident.io's words, names allowed wherever the API wants IDs. */
export interface IncidentQuery {
  /** live, triage, learning, closed, paused, declined, merged, canceled */
  statusCategory?: string[];
  /** Names or IDs. */
  status?: string[];
  /** Names or IDs (any of them). */
  severity?: string[];
  /** Name or ID: this severity or a more severe one. */
  severityGte?: string;
  severityLte?: string;
  /** Names or IDs. */
  type?: string[];
  /** A date or date-time, inclusive (`created_at[gte]`). */
  createdAfter?: string;
  /** Inclusive (`created_at[lte]`). */
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
  /** standard, retrospective, test, tutorial */
  mode?: string[];
  /** Field name or ID → option values/IDs, or catalog entries by name, alias, external ID or ID. */
  customField?: Record<string, string[]>;
  sort?: "newest" | "oldest";
  filterMode?: "all" | "any";
}

const MODES = ["standard", "retrospective", "test", "tutorial"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function pickEach(kind: string, values: readonly string[], allowed: readonly string[]): string[] {
  return values.map((value) => {
    const found = allowed.find((candidate) => candidate === value.trim().toLowerCase());
    if (found === undefined) {
      throw invalidArgument(`unknown ${kind} ${JSON.stringify(value)}`, `use one of: ${allowed.join(", ")}`);
    }
    return found;
  });
}

function checkDate(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!DATE.test(text) || Number.isNaN(Date.parse(text))) {
    throw invalidArgument(
      `${name} must be a date or date-time, got ${JSON.stringify(value)}`,
      "give e.g. 2024-05-01 or 2024-05-01T09:30:00Z",
    );
  }
  return text;
}

function dateRange(name: string, after: string | undefined, before: string | undefined) {
  const gte = checkDate(`${name}After`, after);
  const lte = checkDate(`${name}Before`, before);
  if (gte === undefined && lte === undefined) return undefined;
  return { ...(gte !== undefined ? { gte } : {}), ...(lte !== undefined ? { lte } : {}) };
}

async function ids<T extends { id: string }>(
  values: readonly string[] | undefined,
  lookup: (nameOrId: string) => Promise<T>,
): Promise<string[] | undefined> {
  if (values === undefined || values.length === 0) return undefined;
  return (await Promise.all(values.map(lookup))).map((record) => record.id);
}

/** The query as the client's `IncidentsListFilter`, every name resolved to its ID. */
export async function incidentsListFilter(
  lookups: Lookups,
  query: IncidentQuery = {},
): Promise<IncidentsListFilter> {
  const filter: IncidentsListFilter = {};
  if (query.statusCategory?.length) {
    filter.status_category = {
      one_of: pickEach("status category", query.statusCategory, INCIDENT_STATUS_CATEGORIES),
    };
  }
  const status = await ids(query.status, (name) => lookups.status(name));
  if (status) filter.status = { one_of: status };
  const severity = await ids(query.severity, (name) => lookups.severity(name));
  const gte = query.severityGte === undefined ? undefined : (await lookups.severity(query.severityGte)).id;
  const lte = query.severityLte === undefined ? undefined : (await lookups.severity(query.severityLte)).id;
  if (severity || gte || lte) {
    filter.severity = {
      ...(severity ? { one_of: severity } : {}),
      ...(gte ? { gte } : {}),
      ...(lte ? { lte } : {}),
    };
  }
  const type = await ids(query.type, (name) => lookups.incidentType(name));
  if (type) filter.incident_type = { one_of: type };
  const created = dateRange("created", query.createdAfter, query.createdBefore);
  if (created) filter.created_at = created;
  const updated = dateRange("updated", query.updatedAfter, query.updatedBefore);
  if (updated) filter.updated_at = updated;
  if (query.mode?.length) filter.mode = { one_of: pickEach("mode", query.mode, MODES) };
  const fields = Object.entries(query.customField ?? {}).filter(([, values]) => values.length > 0);
  if (fields.length > 0) {
    filter.custom_field = {};
    for (const [nameOrId, values] of fields) {
      const { fieldId, oneOf } = await customFieldFilter(lookups, nameOrId, values);
      filter.custom_field[fieldId] = { one_of: oneOf };
    }
  }
  if (query.sort !== undefined) {
    const [sort] = pickEach("sort", [query.sort], ["newest", "oldest"]);
    filter.sort_by = sort === "oldest" ? "created_at_oldest_first" : "created_at_newest_first";
  }
  if (query.filterMode !== undefined) {
    const [mode] = pickEach("filter mode", [query.filterMode], ["all", "any"]);
    filter.filter_mode = mode as "all" | "any";
  }
  return filter;
}
