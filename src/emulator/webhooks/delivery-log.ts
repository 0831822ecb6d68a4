/** What came of one attempt to deliver a webhook message. */
export type DeliveryOutcome = "delivered" | "retrying" | "failed";

/** One attempt, as `GET /_emulator/webhook_deliveries` shows it. */
export interface DeliveryAttempt {
  webhook_id: string;
  endpoint_id: string;
  url: string;
  event_type: string;
  incident_id: string;
  /** 1 for the first attempt. */
  attempt: number;
  outcome: DeliveryOutcome;
  /** The endpoint's HTTP status, when it answered. */
  http_status?: number;
  /** Why the attempt failed: a timeout, a refused connection, or the non-2xx status. */
  error?: string;
  attempted_at: string;
  duration_ms: number;
  /** When the next attempt is due, for outcome "retrying". */
  next_attempt_at?: string;
}

export interface DeliveryFilter {
  webhookId?: string | undefined;
  endpointId?: string | undefined;
  incidentId?: string | undefined;
}

/** The most recent delivery attempts, oldest dropped first, so a long-running emulator's memory stays bounded. */
export class DeliveryLog {
  private readonly attempts: DeliveryAttempt[] = [];

  constructor(private readonly capacity = 1000) {}

  record(attempt: DeliveryAttempt): void {
    this.attempts.push(attempt);
    if (this.attempts.length > this.capacity) this.attempts.splice(0, this.attempts.length - this.capacity);
  }

  /** Newest first. */
  list(filter: DeliveryFilter = {}): DeliveryAttempt[] {
    return this.attempts
      .filter(
        (a) =>
          (filter.webhookId === undefined || a.webhook_id === filter.webhookId) &&
          (filter.endpointId === undefined || a.endpoint_id === filter.endpointId) &&
          (filter.incidentId === undefined || a.incident_id === filter.incidentId),
      )
      .reverse()
      .map((a) => ({ ...a }));
  }
}
