import { andInto, andNotInto, complement, emptyWords, fillRange, keepRange, orInto } from "./bitset.js";
import { validationError } from "./errors.js";
import type { IncidentColumns } from "./incident-columns.js";
import type { IncidentMode, StatusCategory } from "./model.js";
import { parsePageSize } from "./pagination.js";
import type { EmulatorState } from "./state.js";

/**
 * Parses GET /v2/incidents' query string into a predicate. Filters are bracket-encoded
 * (`status[one_of]=ID`, `custom_field[FIELD][one_of]=OPTION`); unbracketed keys such as `one_of=x` are ignored,
 * as the live API ignores them. Each (filter, operator) pair is one clause: `filter_mode=all` (default) ANDs the
 * clauses, `filter_mode=any` ORs them. The `mode` filter (explicit, or the default standard+retrospective) is not
 * one of those clauses: it always applies as AND, so `any` never lets test or tutorial incidents in unasked.
 */

/**
 * A clause combines the rows of `incidentsInOrder` that match it into `target`: `and` keeps only those rows, `or`
 * adds them. Combining in place, straight from the index where it can, spares a bitset per clause.
 */
type Clause = (target: Uint32Array, combine: "and" | "or") => void;

export interface IncidentQuery {
  pageSize: number;
  after: string | null;
  newestFirst: boolean;
  modes: ReadonlySet<IncidentMode>;
  anyOf: boolean;
  clauses: Clause[];
  /** The index the clauses read, taken when the query was parsed. */
  columns: IncidentColumns;
}

const MODES: readonly IncidentMode[] = ["standard", "retrospective", "test", "tutorial"];
const CATEGORIES: readonly StatusCategory[] = [
  "triage",
  "declined",
  "merged",
  "canceled",
  "live",
  "learning",
  "closed",
  "paused",
];
const SIMPLE = new Set([
  "status",
  "status_category",
  "severity",
  "incident_type",
  "mode",
  "created_at",
  "updated_at",
]);
const NESTED = new Set(["incident_role", "custom_field"]);
const KEY = /^([a-z_]+)\[([^[\]]*)\](?:\[([^[\]]*)\])?$/;
const DAY_MS = 86_400_000;

export function parseIncidentQuery(params: URLSearchParams, state: EmulatorState): IncidentQuery {
  const sortBy = params.get("sort_by") ?? "created_at_newest_first";
  if (sortBy !== "created_at_newest_first" && sortBy !== "created_at_oldest_first") {
    throw validationError(
      "sort_by",
      "sort_by must be one of: created_at_newest_first, created_at_oldest_first.",
    );
  }
  const filterMode = params.get("filter_mode") ?? "all";
  if (filterMode !== "all" && filterMode !== "any") {
    throw validationError("filter_mode", "filter_mode must be one of: all, any.");
  }
  const query: IncidentQuery = {
    pageSize: parsePageSize(params.get("page_size"), 250, 500),
    after: params.get("after"),
    newestFirst: sortBy === "created_at_newest_first",
    modes: new Set<IncidentMode>(["standard", "retrospective"]),
    anyOf: filterMode === "any",
    clauses: [],
    columns: state.incidentColumns(),
  };
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  for (const [key, values] of grouped) {
    const match = KEY.exec(key);
    if (!match) continue;
    const [, name = "", first = "", second] = match;
    if (SIMPLE.has(name)) {
      if (second !== undefined)
        throw validationError(name, `${name} takes one operator: ${name}[<operator>]=<value>.`);
      addSimple(query, state, name, first, values);
    } else if (NESTED.has(name)) {
      if (second === undefined) {
        throw validationError(
          name,
          `${name} takes an ID and an operator: ${name}[<id>][<operator>]=<value>.`,
        );
      }
      if (name === "incident_role") addRole(query, state, first, second, values);
      else addCustomField(query, state, first, second, values);
    }
  }
  return query;
}

/**
 * Which rows of `incidentsInOrder` match, as a bitset: every match is counted (total_record_count), so the
 * answer is built from the index's per-value bitsets, word by word, rather than by testing each incident.
 * Private incidents are left out unless the key may see them.
 */
export function matchingRows(query: IncidentQuery, seesPrivate: boolean): Uint32Array {
  const { columns } = query;
  const result = union(
    columns,
    [...query.modes].map((mode) => `mode:${mode}`),
  );
  if (!seesPrivate) andNotInto(result, columns.rowsWith("private"));
  if (query.clauses.length === 0) return result;
  if (!query.anyOf) {
    for (const clause of query.clauses) clause(result, "and");
    return result;
  }
  const any = emptyWords(columns.rows);
  for (const clause of query.clauses) clause(any, "or");
  andInto(result, any);
  return result;
}

/** The rows holding any of the keys' values. */
function union(columns: IncidentColumns, keys: Iterable<string>): Uint32Array {
  const words = emptyWords(columns.rows);
  for (const key of keys) orInto(words, columns.rowsWith(key));
  return words;
}

/** Rows holding one of the values (`one_of`), or none of them (`not_in`, which keeps rows with no value). */
function keyClause(columns: IncidentColumns, op: string, keys: string[]): Clause {
  return (target, combine) => {
    const [only] = keys;
    const words = keys.length === 1 && only !== undefined ? columns.rowsWith(only) : union(columns, keys);
    if (combine === "and") {
      if (op === "one_of") andInto(target, words);
      else andNotInto(target, words);
      return;
    }
    const own = words.length === target.length && keys.length !== 1 ? words : copyWords(words, columns.rows);
    if (op !== "one_of") complement(own, columns.rows);
    orInto(target, own);
  };
}

function copyWords(words: Uint32Array, rows: number): Uint32Array {
  const copy = emptyWords(rows);
  copy.set(words.subarray(0, copy.length));
  return copy;
}

/**
 * Rows with times in [from, until). Rows are in creation order, so a created_at window is one range of rows found
 * by binary search; updated_at has no order and is read row by row.
 */
function timeClause(
  columns: IncidentColumns,
  name: "created_at" | "updated_at",
  from: number,
  until: number,
): Clause {
  return (target, combine) => {
    if (name === "created_at") {
      const first = columns.firstCreatedAtOrAfter(from);
      const end = columns.firstCreatedAtOrAfter(until);
      if (combine === "and") keepRange(target, first, end);
      else fillRange(target, first, end);
      return;
    }
    const words = emptyWords(columns.rows);
    const times = columns.updatedMs;
    for (let row = 0; row < times.length; row++) {
      const t = times[row] as number;
      if (t >= from && t < until) words[row >>> 5] = (words[row >>> 5] as number) | (1 << (row & 31));
    }
    if (combine === "and") andInto(target, words);
    else orInto(target, words);
  };
}

function badOperator(field: string, op: string, allowed: string[]) {
  return validationError(
    field,
    `${field}[${op}] is not a supported operator; use one of: ${allowed.join(", ")}.`,
  );
}

/** 422 naming the filter unless `op` is one of its operators. */
export function requireOp(field: string, op: string, allowed: string[]): void {
  if (!allowed.includes(op)) throw badOperator(field, op, allowed);
}

function addSimple(
  query: IncidentQuery,
  state: EmulatorState,
  name: string,
  op: string,
  values: string[],
): void {
  switch (name) {
    case "mode": {
      requireOp(name, op, ["one_of"]);
      for (const value of values) {
        if (!(MODES as string[]).includes(value)) {
          throw validationError(
            "mode",
            `mode[one_of] values must be one of: ${MODES.join(", ")}; got "${value}".`,
          );
        }
      }
      query.modes = new Set(values as IncidentMode[]);
      return;
    }
    case "status": {
      requireOp(name, op, ["one_of", "not_in"]);
      const ids = knownIds(state, "incident_statuses", "status", "incident status", values);
      query.clauses.push(keyClause(query.columns, op, keyed("status", ids)));
      return;
    }
    case "status_category": {
      requireOp(name, op, ["one_of", "not_in"]);
      for (const value of values) {
        if (!(CATEGORIES as string[]).includes(value)) {
          throw validationError(
            name,
            `status_category values must be one of: ${CATEGORIES.join(", ")}; got "${value}".`,
          );
        }
      }
      const ids = new Set<string>();
      for (const status of state.values("incident_statuses"))
        if (values.includes(status.category)) ids.add(status.id);
      query.clauses.push(keyClause(query.columns, op, keyed("status", ids)));
      return;
    }
    case "incident_type": {
      requireOp(name, op, ["one_of", "not_in"]);
      const ids = knownIds(state, "incident_types", name, "incident type", values);
      query.clauses.push(keyClause(query.columns, op, keyed("type", ids)));
      return;
    }
    case "severity":
      addSeverity(query, state, op, values);
      return;
    default:
      addDate(query, name as "created_at" | "updated_at", op, values);
  }
}

function addSeverity(query: IncidentQuery, state: EmulatorState, op: string, values: string[]): void {
  requireOp("severity", op, ["one_of", "not_in", "gte", "lte"]);
  const ids = knownIds(state, "severities", "severity", "severity", values);
  if (op === "one_of" || op === "not_in") {
    query.clauses.push(keyClause(query.columns, op, keyed("severity", ids)));
    return;
  }
  // gte/lte compare ranks: "rank is greater-than-or-equal-to the rank of severity id=ABC".
  for (const id of ids) {
    const rank = state.get("severities", id)?.rank ?? 0;
    const within = new Set<string>();
    for (const severity of state.values("severities")) {
      if (op === "gte" ? severity.rank >= rank : severity.rank <= rank) within.add(severity.id);
    }
    query.clauses.push(keyClause(query.columns, "one_of", keyed("severity", within)));
  }
}

function addDate(
  query: IncidentQuery,
  name: "created_at" | "updated_at",
  op: string,
  values: string[],
): void {
  requireOp(name, op, ["gte", "lte", "date_range"]);
  for (const value of values) {
    const window = dateWindow(name, op, value);
    query.clauses.push(timeClause(query.columns, name, window.from, window.until));
  }
}

/**
 * The times in [from, until) one date filter value selects, for an operator the caller has checked is `gte`, `lte`
 * or `date_range` (`from~to`). Other lists with date filters (alerts) read them the same way.
 */
export function dateWindow(name: string, op: string, value: string): { from: number; until: number } {
  if (op === "date_range") {
    const [from, to, extra] = value.split("~");
    if (from === undefined || to === undefined || extra !== undefined) {
      throw validationError(
        name,
        `${name}[date_range] must be two dates separated by "~", e.g. 2024-12-02~2024-12-08.`,
      );
    }
    const start = parseBound(name, from);
    const end = parseBound(name, to);
    // A bare end date covers that whole day.
    const endExclusive = end.dateOnly ? end.ms + DAY_MS : end.ms + 1;
    if (endExclusive <= start.ms)
      throw validationError(name, `${name}[date_range] starts after it ends: "${value}".`);
    return { from: start.ms, until: endExclusive };
  }
  const bound = parseBound(name, value).ms;
  // Times are whole milliseconds, so "at most bound" is "before bound + 1".
  return op === "gte"
    ? { from: bound, until: Number.POSITIVE_INFINITY }
    : { from: Number.NEGATIVE_INFINITY, until: bound + 1 };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A bare date means midnight UTC; an RFC 3339 date-time is taken as given. */
function parseBound(field: string, raw: string): { ms: number; dateOnly: boolean } {
  const date = DATE.exec(raw);
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (new Date(ms).toISOString().slice(0, 10) === raw) return { ms, dateOnly: true };
  } else if (DATE_TIME.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms)) return { ms, dateOnly: false };
  }
  throw validationError(
    field,
    `${field} expects a date like 2024-05-01 or an RFC 3339 date-time; got "${raw}".`,
  );
}

function addRole(
  query: IncidentQuery,
  state: EmulatorState,
  roleId: string,
  op: string,
  values: string[],
): void {
  if (!state.get("incident_roles", roleId)) {
    throw validationError("incident_role", `incident_role: there is no incident role with ID "${roleId}".`);
  }
  requireOp("incident_role", op, ["one_of", "is_blank", "is_set"]);
  if (op === "one_of") {
    const users = knownIds(state, "users", "incident_role", "user", values);
    query.clauses.push(keyClause(query.columns, "one_of", keyed(`role:${roleId}`, users)));
    return;
  }
  // is_set=true: someone holds the role; is_blank=true: nobody does. (The description's prose example reads
  // is_set the other way round; we follow the operator's name.)
  const wantSet = parseBoolean("incident_role", op, values) === (op === "is_set");
  query.clauses.push(keyClause(query.columns, wantSet ? "one_of" : "not_in", [`role-set:${roleId}`]));
}

function addCustomField(
  query: IncidentQuery,
  state: EmulatorState,
  fieldId: string,
  op: string,
  values: string[],
) {
  const field = state.get("custom_fields", fieldId);
  if (!field)
    throw validationError("custom_field", `custom_field: there is no custom field with ID "${fieldId}".`);
  const select = field.field_type === "single_select" || field.field_type === "multi_select";
  const allowed = select ? ["one_of", "not_in", "is_blank"] : ["is_blank"];
  requireOp("custom_field", op, allowed);
  if (op === "is_blank") {
    const blank = parseBoolean("custom_field", op, values);
    query.clauses.push(keyClause(query.columns, blank ? "not_in" : "one_of", [`field-set:${fieldId}`]));
    return;
  }
  for (const value of values) {
    const known = field.catalog_type_id
      ? state.get("catalog_entries", value)?.catalog_type_id === field.catalog_type_id
      : state.get("custom_field_options", value)?.custom_field_id === fieldId;
    if (!known) {
      const what = field.catalog_type_id ? "catalog entry" : "option";
      throw validationError(
        "custom_field",
        `custom_field[${fieldId}]: "${value}" is not an ${what} of "${field.name}".`,
      );
    }
  }
  query.clauses.push(keyClause(query.columns, op, keyed(`field:${fieldId}`, new Set(values))));
}

function parseBoolean(field: string, op: string, values: string[]): boolean {
  const [value] = values;
  if (values.length !== 1 || (value !== "true" && value !== "false")) {
    throw validationError(field, `${field}[...][${op}] takes true or false.`);
  }
  return value === "true";
}

function knownIds(
  state: EmulatorState,
  collection: "incident_statuses" | "incident_types" | "severities" | "users",
  field: string,
  what: string,
  values: string[],
): Set<string> {
  for (const value of values) {
    if (!state.get(collection, value))
      throw validationError(field, `${field}: there is no ${what} with ID "${value}".`);
  }
  return new Set(values);
}

/** The index keys of IDs of one field, e.g. `status:ID`. */
function keyed(prefix: string, ids: Iterable<string>): string[] {
  return [...ids].map((id) => `${prefix}:${id}`);
}
