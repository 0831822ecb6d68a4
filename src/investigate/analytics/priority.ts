import { AnalyticsInputError } from "./window.js";

const PRIORITY_HINT =
  "write the priority map like Critical=P0,Major=P1 (priorities P0 to P9), or leave it out";

function priorityError(message: string): AnalyticsInputError {
  return new AnalyticsInputError(message, PRIORITY_HINT);
}

/** A severity as analytics know it: a higher rank is more severe. */
export interface RankedSeverity {
  name: string;
  rank: number;
}

/** "Critical" → "P0". */
export interface PriorityEntry {
  severity: string;
  priority: string;
}

/**
 * Severity → priority. `configured`: as a config map says; `by-name`: every severity is called Critical, Major,
 * Minor or Low (P0 to P3); `by-rank`: the most severe is P0, the next P1, and so on.
 */
export interface PriorityMapping {
  source: "configured" | "by-name" | "by-rank";
  entries: PriorityEntry[];
}

const BY_NAME: Readonly<Record<string, number>> = { critical: 0, major: 1, minor: 2, low: 3 };

/**
 * The priorities when none are configured: by name when every severity has one of the names Critical, Major,
 * Minor, Low (so an organisation with only Major and Minor still gets P1 and P2), else by rank, most severe P0.
 */
export function defaultPriorities(severities: readonly RankedSeverity[]): PriorityMapping {
  const named =
    severities.length > 0 && severities.every((s) => BY_NAME[s.name.trim().toLowerCase()] !== undefined);
  if (named) {
    return {
      source: "by-name",
      entries: [...severities]
        .sort((a, b) => b.rank - a.rank)
        .map((s) => ({ severity: s.name, priority: `P${BY_NAME[s.name.trim().toLowerCase()]}` })),
    };
  }
  const ranks = [...new Set(severities.map((s) => s.rank))].sort((a, b) => b - a);
  return {
    source: "by-rank",
    entries: [...severities]
      .sort((a, b) => b.rank - a.rank)
      .map((s) => ({ severity: s.name, priority: `P${ranks.indexOf(s.rank)}` })),
  };
}

/**
 * A configured map, as YAML or JSON gives it (`{ Critical: P0, Major: P1 }`) or as a flag
 * (`Critical=P0,Major=P1`). Priorities are P0 to P9 (or 0 to 9); severity names are matched ignoring case.
 */
export function parsePriorityConfig(input: unknown): PriorityMapping {
  const pairs = pairsOf(input);
  if (pairs.length === 0) {
    throw priorityError("the priority map names no severity; write it like Critical=P0,Major=P1");
  }
  const seen = new Set<string>();
  const entries: PriorityEntry[] = [];
  for (const [name, value] of pairs) {
    const severity = name.trim();
    if (severity === "") throw priorityError(`the priority map has an entry without a severity name`);
    const key = severity.toLowerCase();
    if (seen.has(key)) throw priorityError(`the priority map names "${severity}" twice`);
    seen.add(key);
    entries.push({ severity, priority: priorityText(severity, value) });
  }
  return { source: "configured", entries };
}

function pairsOf(input: unknown): Array<[string, unknown]> {
  if (typeof input === "string") {
    return input
      .split(",")
      .filter((part) => part.trim() !== "")
      .map((part): [string, unknown] => {
        const at = part.indexOf("=");
        if (at < 0) throw priorityError(`"${part.trim()}" is not Severity=Priority (like Critical=P0)`);
        return [part.slice(0, at), part.slice(at + 1)];
      });
  }
  if (input instanceof Map) return [...input.entries()].map(([k, v]): [string, unknown] => [String(k), v]);
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return Object.entries(input);
  throw priorityError("the priority map must map severity names to priorities, like { Critical: P0 }");
}

function priorityText(severity: string, value: unknown): string {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const found = /^[pP]?(\d)$/.exec(text);
  if (!found) {
    throw priorityError(`the priority of "${severity}" must be P0 to P9, got ${JSON.stringify(value)}`);
  }
  return `P${found[1]}`;
}

/** The priority of a severity by name (any case); null when the mapping does not name it. */
export function priorityOf(mapping: PriorityMapping, severity: string): string | null {
  const wanted = severity.trim().toLowerCase();
  return mapping.entries.find((entry) => entry.severity.trim().toLowerCase() === wanted)?.priority ?? null;
}
