import {
  type AnalysedIncident,
  incidentCounts,
  mttrOf,
  periodStart,
} from "../../investigate/analytics/index.js";
import type { MonthlyIncidents, MttrSummary, SeverityLabel } from "./model.js";

/**
 * What the service page's figures need of an incident. Its mode and status, when given, leave out test and
 * tutorial incidents and declined, merged or canceled ones, as the scorecards' `incidents` do.
 */
export type IncidentTimes = AnalysedIncident;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Incidents created in each of the last `months` calendar months (UTC), the current one last, by severity name.
 * Every month is present, with empty counts when nothing happened.
 */
export function incidentsPerMonth(
  incidents: readonly IncidentTimes[],
  severities: readonly SeverityLabel[],
  now: number,
  months = 6,
): MonthlyIncidents {
  const current = new Date(periodStart(now, "month"));
  const fromMs = Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - (months - 1), 1);
  const toMs = Date.UTC(current.getUTCFullYear(), current.getUTCMonth() + 1, 1);
  const counts = incidentCounts(incidents, { by: "month", window: { fromMs, toMs }, now });
  return {
    severities: [...severities].sort((a, b) => a.rank - b.rank),
    months: counts.rows.map((row) => ({ month: row.period, counts: row.bySeverity })),
  };
}

/** Time to resolve of the incidents created in the last `windowDays` days: mean, median and p95, in seconds. */
export function mttrSummary(incidents: readonly IncidentTimes[], now: number, windowDays = 90): MttrSummary {
  const figures = mttrOf(incidents, { fromMs: now - windowDays * DAY_MS, toMs: now }, now);
  return {
    windowDays,
    resolved: figures.resolved,
    open: figures.open,
    meanSeconds: figures.meanSeconds,
    medianSeconds: figures.medianSeconds,
    p95Seconds: figures.p95Seconds,
  };
}
