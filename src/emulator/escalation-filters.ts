import { validationError } from "./errors.js";
import { ESCALATION_STATUSES, type Progress } from "./escalations.js";
import { dateWindow, requireOp } from "./filters.js";
import type { EscalationRecord } from "./model-oncall.js";
import { parsePageSize } from "./pagination.js";

/** What a filter sees of one escalation: the record and where it stands now. */
export interface EscalationRow {
  record: EscalationRecord;
  progress: Progress;
}

type Test = (row: EscalationRow) => boolean;

export interface EscalationQuery {
  pageSize: number;
  after: string | null;
  matches: Test;
  /** The incidents `incident[one_of]` names, so the list reads only their escalations. */
  incidents?: string[];
}

const KEY = /^([a-z_]+)\[([^[\]]*)\]$/;

/**
 * Parses GET /v2/escalations' query: `page_size` (at most 50), `after`, and the bracketed filters the description
 * lists, all of which must match. Unbracketed keys are ignored, as for incidents. The emulator links escalations
 * to no alerts, so `alert[one_of]` matches nothing and `alert[not_in]` everything.
 */
export function parseEscalationQuery(params: URLSearchParams): EscalationQuery {
  const pageSize = parsePageSize(params.get("page_size"), 50);
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const tests: Test[] = [];
  for (const [key, values] of grouped) {
    const match = KEY.exec(key);
    if (!match) continue;
    const [, name = "", op = ""] = match;
    const test = filterTest(name, op, values);
    if (test) tests.push(test);
  }
  const incidents = grouped.get("incident[one_of]");
  return {
    pageSize,
    after: params.get("after"),
    matches: (row) => tests.every((test) => test(row)),
    ...(incidents ? { incidents } : {}),
  };
}

function filterTest(name: string, op: string, values: string[]): Test | undefined {
  switch (name) {
    case "escalation_path":
      requireOp(name, op, ["one_of", "not_in"]);
      return inSet(op, values, (row) => row.record.escalation_path_id);
    case "incident":
      requireOp(name, op, ["one_of", "not_in"]);
      return inSet(op, values, (row) => row.record.incident_id);
    case "alert":
      requireOp(name, op, ["one_of", "not_in"]);
      return inSet(op, values, () => undefined);
    case "status": {
      requireOp(name, op, ["one_of", "not_in"]);
      for (const value of values) {
        if (!(ESCALATION_STATUSES as readonly string[]).includes(value)) {
          throw validationError(
            name,
            `status values must be one of: ${ESCALATION_STATUSES.join(", ")}; got "${value}".`,
          );
        }
      }
      return inSet(op, values, (row) => row.progress.status);
    }
    case "idempotency_key": {
      requireOp(name, op, ["is", "starts_with"]);
      return op === "is"
        ? (row) => values.includes(row.record.idempotency_key)
        : (row) => values.some((prefix) => row.record.idempotency_key.startsWith(prefix));
    }
    case "created_at":
    case "updated_at": {
      requireOp(name, op, ["gte", "lte", "date_range"]);
      const windows = values.map((value) => dateWindow(name, op, value));
      return (row) => {
        const at = name === "created_at" ? Date.parse(row.record.created_at) : row.progress.updatedAt;
        return windows.every((w) => at >= w.from && at < w.until);
      };
    }
    default:
      return undefined;
  }
}

function inSet(op: string, values: string[], value: (row: EscalationRow) => string | undefined): Test {
  const set = new Set(values);
  return op === "one_of"
    ? (row) => {
        const v = value(row);
        return v !== undefined && set.has(v);
      }
    : (row) => {
        const v = value(row);
        return v === undefined || !set.has(v);
      };
}
