/** Where an alert stands, as its sender reports it. */
export type AlertStatus = "firing" | "resolved" | "dismissed";

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
  sourceUrl?: string;
  incidentIoIncidentId?: string;
  /** ISO 8601. */
  startsAt?: string;
  endsAt?: string;
}
