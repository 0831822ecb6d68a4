import { type AlertCalls, type AlertSummary, alertCalls, alertHistory } from "../alerts/queries.js";
import type { Store } from "../store/index.js";

/** The newest alerts and, for each, the calls to incident.io it queued and every attempt at them. */
export interface RecentAlerts {
  alerts: AlertSummary[];
  calls: Map<string, AlertCalls>;
}

/**
 * The newest alerts first (of one source, or all), with their group's incident and their calls to incident.io:
 * what the web UI's alerts page and `incidentkit alerts history` both show.
 */
export async function recentAlerts(
  store: Store,
  options: { limit: number; source?: string },
): Promise<RecentAlerts> {
  const alerts = await alertHistory(store, options);
  return { alerts, calls: await alertCalls(store, alerts) };
}
