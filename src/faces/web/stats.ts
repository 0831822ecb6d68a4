import type { MonthlyIncidents, MttrSummary, SeverityLabel } from "./model.js";
import { NO_SEVERITY } from "./severity.js";

/** What the service page's figures need of an incident. */
export interface IncidentTimes {
  createdAt: string;
  resolvedAt: string | null;
  severity: SeverityLabel | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-06" for the month `back` months before the one `now` falls in (UTC). */
function monthKey(now: number, back: number): string {
  const date = new Date(now);
  const shifted = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
  return shifted.toISOString().slice(0, 7);
}

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
  const keys = Array.from({ length: months }, (_, index) => monthKey(now, months - 1 - index));
  const counts = new Map(keys.map((key) => [key, {} as Record<string, number>]));
  for (const incident of incidents) {
    const bucket = counts.get(incident.createdAt.slice(0, 7));
    if (!bucket) continue;
    const name = incident.severity?.name ?? NO_SEVERITY;
    bucket[name] = (bucket[name] ?? 0) + 1;
  }
  return {
    severities: [...severities].sort((a, b) => a.rank - b.rank),
    months: keys.map((month) => ({ month, counts: counts.get(month) ?? {} })),
  };
}

/** The value below which `fraction` of the sorted values fall (nearest rank). */
function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? null;
}

/** Time to resolve the incidents resolved in the last `windowDays` days: mean, median and p95, in seconds. */
export function mttrSummary(incidents: readonly IncidentTimes[], now: number, windowDays = 90): MttrSummary {
  const since = now - windowDays * DAY_MS;
  const durations: number[] = [];
  let open = 0;
  for (const incident of incidents) {
    const created = Date.parse(incident.createdAt);
    if (incident.resolvedAt === null) {
      if (created >= since) open++;
      continue;
    }
    const resolved = Date.parse(incident.resolvedAt);
    if (resolved < since || resolved > now) continue;
    durations.push(Math.max(0, (resolved - created) / 1000));
  }
  durations.sort((a, b) => a - b);
  const mean = durations.length === 0 ? null : durations.reduce((sum, d) => sum + d, 0) / durations.length;
  const middle = durations.length / 2;
  const median =
    durations.length === 0
      ? null
      : durations.length % 2 === 1
        ? (durations[Math.floor(middle)] ?? null)
        : ((durations[middle - 1] ?? 0) + (durations[middle] ?? 0)) / 2;
  return {
    windowDays,
    resolved: durations.length,
    open,
    meanSeconds: mean,
    medianSeconds: median,
    p95Seconds: percentile(durations, 0.95),
  };
}
