import { type AnalysedIncident, countsAsIncident, NO_SEVERITY, timesOf } from "./incidents.js";
import { type PeriodUnit, periodKey, periodsOf } from "./periods.js";
import { defaultPriorities, type PriorityMapping, priorityOf, type RankedSeverity } from "./priority.js";
import { inWindow, type TimeWindow, windowJson } from "./window.js";

/** Incidents created in one period: in all, still open, and by severity name ("No severity" for none). */
export interface CountRow {
  /** "2026-06", "2026-W23". */
  period: string;
  /** The period's bounds, cut to the window (ISO 8601, `to` exclusive). */
  from: string;
  to: string;
  /** The window covers only part of the calendar period. */
  partial: boolean;
  total: number;
  open: number;
  bySeverity: Record<string, number>;
}

export interface CountsReport {
  by: PeriodUnit;
  window: { from: string; to: string };
  /** Every severity the counts name, most severe first, with its priority. */
  severities: Array<RankedSeverity & { priority: string | null }>;
  rows: CountRow[];
  total: number;
  /** Incidents created in the window but left out: test, tutorial, declined, merged or canceled. */
  excluded: number;
}

export interface CountsOptions {
  by: PeriodUnit;
  window: TimeWindow;
  /** Resolutions after `now` do not count yet. */
  now: number;
  /** Severities to list even when no incident of the window has them (the organisation's). */
  severities?: readonly RankedSeverity[];
  priorities?: PriorityMapping;
}

/** How many incidents were created in each month or week of the window, by severity; every period present. */
export function incidentCounts(incidents: Iterable<AnalysedIncident>, options: CountsOptions): CountsReport {
  const { by, window, now } = options;
  const periods = periodsOf(window, by);
  const rows = new Map<string, CountRow>(
    periods.map((period) => [
      period.key,
      {
        period: period.key,
        from: new Date(period.fromMs).toISOString(),
        to: new Date(period.toMs).toISOString(),
        partial: period.partial,
        total: 0,
        open: 0,
        bySeverity: {},
      },
    ]),
  );
  const severities = new Map((options.severities ?? []).map((s) => [s.name, s]));
  let total = 0;
  let excluded = 0;
  for (const incident of incidents) {
    const times = timesOf(incident, now);
    if (!times || !inWindow(window, times.createdMs)) continue;
    if (!countsAsIncident(incident)) {
      excluded++;
      continue;
    }
    const row = rows.get(periodKey(times.createdMs, by));
    if (!row) continue;
    const name = incident.severity?.name ?? NO_SEVERITY;
    if (incident.severity && !severities.has(name)) severities.set(name, incident.severity);
    row.total++;
    if (times.resolvedMs === null) row.open++;
    row.bySeverity[name] = (row.bySeverity[name] ?? 0) + 1;
    total++;
  }
  const ranked = [...severities.values()].sort((a, b) => b.rank - a.rank);
  const priorities = options.priorities ?? defaultPriorities(ranked);
  return {
    by,
    window: windowJson(window),
    severities: ranked.map((s) => ({ name: s.name, rank: s.rank, priority: priorityOf(priorities, s.name) })),
    rows: [...rows.values()],
    total,
    excluded,
  };
}
