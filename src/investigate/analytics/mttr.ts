import type { MttrDimension } from "./dimensions.js";
import { MttrAccumulator, type MttrFigures } from "./figures.js";
import {
  type AnalysedIncident,
  countsAsIncident,
  type IncidentTimes,
  NO_SEVERITY,
  timesOf,
} from "./incidents.js";
import { type Period, periodKey, periodsOf } from "./periods.js";
import { defaultPriorities, type PriorityMapping, priorityOf, type RankedSeverity } from "./priority.js";
import { type GroupLabel, NO_SERVICE, NO_TEAM, ServiceLookup, type ServiceView } from "./services.js";
import { inWindow, type TimeWindow, windowJson } from "./window.js";

export { MTTR_DIMENSIONS, type MttrDimension } from "./dimensions.js";

/** One group's figures: a severity (with its priority and rank), a service, a team or a period (with its bounds). */
export interface MttrRow extends MttrFigures {
  key: string;
  label: string;
  priority?: string | null;
  rank?: number | null;
  /** A period's bounds, cut to the window (ISO 8601, `to` exclusive). */
  from?: string;
  to?: string;
  /** A period the window covers only part of. */
  partial?: boolean;
}

export interface MttrReport {
  by: MttrDimension;
  window: { from: string; to: string };
  /** How p95 is taken. */
  percentile: "nearest-rank";
  rows: MttrRow[];
  /** Every incident of the window once (service and team rows overlap when an incident maps to several). */
  all: MttrFigures;
  /** Incidents created in the window but left out: test, tutorial, declined, merged or canceled. */
  excluded: number;
  /** Severity rows only: how priorities were given. */
  priorities?: PriorityMapping;
}

export interface MttrOptions<T> {
  by: MttrDimension;
  window: TimeWindow;
  /** Resolutions after `now` do not count yet. */
  now: number;
  /** The catalog, for `service` and `team`. */
  services?: ServiceView<T>;
  /** For `severity`; default: `defaultPriorities` of the severities the incidents carry. */
  priorities?: PriorityMapping;
}

interface Bucket {
  label: GroupLabel;
  order: number;
  accumulator: MttrAccumulator;
  severity?: RankedSeverity | null;
  period?: Period;
}

/**
 * Time to resolve (mean, median, p95) of the incidents created in the window, grouped: by severity, by service
 * or team (through the catalog: an incident counts once for each service it maps to, once per owning team), or
 * by the month or week it was created in (every period of the window present, empty or not).
 */
export function mttrReport<T extends AnalysedIncident>(
  incidents: Iterable<T>,
  options: MttrOptions<T>,
): MttrReport {
  const { by, window, now } = options;
  const lookup =
    by === "service" || by === "team" ? new ServiceLookup<T>(options.services ?? emptyView<T>()) : null;
  const buckets = new Map<string, Bucket>();
  const bucket = (label: GroupLabel, order: number, extra: Partial<Bucket> = {}): Bucket => {
    let found = buckets.get(label.key);
    if (!found) {
      found = { label, order, accumulator: new MttrAccumulator(), ...extra };
      buckets.set(label.key, found);
    }
    return found;
  };
  if (by === "month" || by === "week") {
    periodsOf(window, by).forEach((period, index) => {
      bucket({ key: period.key, label: period.key }, index, { period });
    });
  }
  const all = new MttrAccumulator();
  const severities = new Map<string, RankedSeverity>();
  let excluded = 0;
  for (const incident of incidents) {
    const times = timesOf(incident, now);
    if (!times || !inWindow(window, times.createdMs)) continue;
    if (!countsAsIncident(incident)) {
      excluded++;
      continue;
    }
    all.add(times);
    if (incident.severity) severities.set(incident.severity.name, incident.severity);
    for (const target of bucketsFor(incident, times, by, lookup, bucket)) target.accumulator.add(times);
  }
  const priorities =
    by === "severity" ? (options.priorities ?? defaultPriorities([...severities.values()])) : undefined;
  const rows = [...buckets.values()].sort(compareBuckets(by)).map((b) => rowOf(b, priorities));
  return {
    by,
    window: windowJson(window),
    percentile: "nearest-rank",
    rows,
    all: all.figures(),
    excluded,
    ...(priorities ? { priorities } : {}),
  };
}

/** Time to resolve of every incident created in the window (test, declined and the like left out). */
export function mttrOf(incidents: Iterable<AnalysedIncident>, window: TimeWindow, now: number): MttrFigures {
  const all = new MttrAccumulator();
  for (const incident of incidents) {
    const times = timesOf(incident, now);
    if (times && inWindow(window, times.createdMs) && countsAsIncident(incident)) all.add(times);
  }
  return all.figures();
}

function bucketsFor<T extends AnalysedIncident>(
  incident: T,
  times: IncidentTimes,
  by: MttrDimension,
  lookup: ServiceLookup<T> | null,
  bucket: (label: GroupLabel, order: number, extra?: Partial<Bucket>) => Bucket,
): Bucket[] {
  switch (by) {
    case "severity": {
      const severity = incident.severity;
      const name = severity?.name ?? NO_SEVERITY;
      return [
        bucket({ key: name, label: name }, severity ? -severity.rank : Number.POSITIVE_INFINITY, {
          severity,
        }),
      ];
    }
    case "service":
      return (lookup?.servicesOf(incident) ?? [NO_SERVICE]).map((label) => bucket(label, 0));
    case "team":
      return (lookup?.teamsOf(incident) ?? [NO_TEAM]).map((label) => bucket(label, 0));
    default: {
      const found = periodKey(times.createdMs, by);
      return [bucket({ key: found, label: found }, 0)];
    }
  }
}

/** Severities most severe first; periods oldest first; services and teams by incidents, most first, then name. */
function compareBuckets(by: MttrDimension): (a: Bucket, b: Bucket) => number {
  if (by === "severity" || by === "month" || by === "week") return (a, b) => a.order - b.order;
  return (a, b) => {
    const none = Number(isNone(a.label)) - Number(isNone(b.label));
    if (none !== 0) return none;
    return b.accumulator.size - a.accumulator.size || a.label.label.localeCompare(b.label.label);
  };
}

function isNone(label: GroupLabel): boolean {
  return label.key === NO_SERVICE.key || label.key === NO_TEAM.key;
}

function rowOf(bucket: Bucket, priorities: PriorityMapping | undefined): MttrRow {
  const row: MttrRow = { key: bucket.label.key, label: bucket.label.label, ...bucket.accumulator.figures() };
  if (priorities) {
    row.priority = bucket.severity ? priorityOf(priorities, bucket.severity.name) : null;
    row.rank = bucket.severity?.rank ?? null;
  }
  if (bucket.period) {
    row.from = new Date(bucket.period.fromMs).toISOString();
    row.to = new Date(bucket.period.toMs).toISOString();
    row.partial = bucket.period.partial;
  }
  return row;
}

function emptyView<T>(): ServiceView<T> {
  return { entities: [], byEntity: new Map() };
}
