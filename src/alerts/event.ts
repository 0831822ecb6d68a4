/** Where an alert stands, as its sender reports it. */
export type AlertStatus = "firing" | "resolved" | "dismissed";

/** What a firing alert reports: the condition itself, or that its rule could not be evaluated (Grafana). */
export type AlertState = "firing" | "nodata" | "error";

/** One alert from any intake format, normalised: the hub's rules, store and lifecycle work on this alone. */
export interface AlertEvent {
  /** The intake source name from the URL, e.g. "prometheus". */
  source: string;
  /** Groups repeats: generic dedup_key, Alertmanager fingerprint, Grafana fingerprint. */
  dedupKey: string;
  status: AlertStatus;
  title: string;
  description?: string;
  /** As the sender says it ("critical", "warning", "P1"…), lower-cased. */
  severity?: string;
  labels: Record<string, string>;
  /** The annotations as sent (`summary`, `description`, `message`, `runbook_url`…). */
  annotations?: Record<string, string>;
  sourceUrl?: string;
  /** An existing incident.io incident the alert names: its ID, or its link on an incident.io host. */
  incidentIoIncidentId?: string;
  incidentIoUrl?: string;
  /** Grafana's no-data and rule-error alerts; absent for the condition itself. */
  state?: Exclude<AlertState, "firing">;
  /** A sender's test notification (Grafana's contact point "Test"): it opens a test incident. */
  test?: true;
  /** ISO 8601. */
  startsAt?: string;
  endsAt?: string;
}

/** How a notification group (Alertmanager's or Grafana's) came: what all its alerts share. */
export interface NotificationInfo {
  /** The sender's `groupKey`: the same for every notification of one group (its route and group labels). */
  groupKey?: string;
  /** Alerts the sender left out of this notification (`truncatedAlerts`, Alertmanager's `max_alerts`). */
  truncatedAlerts: number;
}
