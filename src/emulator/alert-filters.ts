import { validationError } from "./errors.js";
import { dateWindow, requireOp } from "./filters.js";
import type { AlertRecord } from "./model.js";
import { parsePageSize } from "./pagination.js";

/** A parsed GET /v2/alerts request. */
export interface AlertQuery {
  pageSize: number;
  after: string | null;
  matches: (alert: AlertRecord) => boolean;
  /** The keys `deduplication_key[is]` names, so the list reads only their alerts. */
  deduplicationKeys?: string[];
}

type Test = (alert: AlertRecord) => boolean;

const KEY = /^([a-z_]+)\[([^[\]]*)\](?:\[([^[\]]*)\])?$/;
const STATUSES = ["firing", "resolved"];

/**
 * Parses GET /v2/alerts' query string: `page_size` (required, at most 50), `after`, and the bracket-encoded
 * filters the description lists, all of which must match. Unbracketed keys are ignored, as for incidents.
 * The emulator keeps no alert groups, notes, maintenance windows or attributes, so `alert_group_id[one_of]` and
 * `has_notes[is]=true` match nothing, `include_maintenance_window` changes nothing, and an `attributes` filter
 * names an attribute that does not exist.
 */
export function parseAlertQuery(params: URLSearchParams): AlertQuery {
  const rawPageSize = params.get("page_size");
  if (rawPageSize === null) {
    throw validationError("page_size", "page_size is required: a whole number from 1 to 50.", "is_required");
  }
  const pageSize = parsePageSize(rawPageSize, 50);
  const tests: Test[] = [];
  for (const [key, values] of grouped(params)) {
    const match = KEY.exec(key);
    if (!match) continue;
    const [, name = "", first = "", second] = match;
    if (name === "attributes") {
      throw validationError(
        "attributes",
        second === undefined
          ? "attributes takes an alert attribute ID and an operator: attributes[<id>][<operator>]=<value>."
          : `attributes: there is no alert attribute with ID "${first}".`,
      );
    }
    if (second !== undefined) {
      throw validationError(name, `${name} takes one operator: ${name}[<operator>]=<value>.`);
    }
    const test = filterTest(name, first, values);
    if (test) tests.push(test);
  }
  const deduplicationKeys = params.getAll("deduplication_key[is]");
  return {
    pageSize,
    after: params.get("after"),
    matches: (alert) => tests.every((test) => test(alert)),
    ...(deduplicationKeys.length > 0 ? { deduplicationKeys } : {}),
  };
}

/** The test one `name[op]=values` filter makes, or undefined for a filter that selects everything. */
function filterTest(name: string, op: string, values: string[]): Test | undefined {
  switch (name) {
    case "deduplication_key": {
      requireOp(name, op, ["is"]);
      const keys = new Set(values);
      return (alert) => keys.has(alert.deduplication_key);
    }
    case "status": {
      requireOp(name, op, ["one_of", "not_in"]);
      for (const value of values) {
        if (!STATUSES.includes(value)) {
          throw validationError(
            name,
            `status values must be one of: ${STATUSES.join(", ")}; got "${value}".`,
          );
        }
      }
      return inSet(op, new Set(values), (alert) => alert.status);
    }
    case "alert_source":
      requireOp(name, op, ["one_of", "not_in"]);
      return inSet(op, new Set(values), (alert) => alert.alert_source_id);
    case "alert_group_id":
      requireOp(name, op, ["one_of"]);
      return () => false;
    case "created_at": {
      requireOp(name, op, ["gte", "lte", "date_range"]);
      const windows = values.map((value) => dateWindow(name, op, value));
      return (alert) => {
        const at = Date.parse(alert.created_at);
        return windows.every((w) => at >= w.from && at < w.until);
      };
    }
    case "has_notes": {
      requireOp(name, op, ["is"]);
      const wanted = parseBoolean(name, op, values);
      return () => wanted === false;
    }
    case "include_maintenance_window":
      requireOp(name, op, ["is"]);
      parseBoolean(name, op, values);
      return undefined;
    default:
      return undefined;
  }
}

function inSet(op: string, set: ReadonlySet<string>, value: (alert: AlertRecord) => string): Test {
  return op === "one_of" ? (alert) => set.has(value(alert)) : (alert) => !set.has(value(alert));
}

function parseBoolean(name: string, op: string, values: string[]): boolean {
  const [value] = values;
  if (values.length !== 1 || (value !== "true" && value !== "false")) {
    throw validationError(name, `${name}[${op}] must be true or false.`);
  }
  return value === "true";
}

function grouped(params: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of params) {
    const values = out.get(key);
    if (values) values.push(value);
    else out.set(key, [value]);
  }
  return out;
}
