import type { AlertDecision } from "../../store/index.js";

/** What became of one accepted alert. */
export interface AcceptedAlert {
  /** The alert's ULID. */
  id: string;
  decision: AlertDecision;
  reason: string;
  rule?: string;
  groupKey: string;
  /** The call to incident.io this alert put in the outbox, if any. */
  enqueued?: OutboxCall["kind"];
}

/** The body of a `declare` outbox entry: `declareIncident`'s input, less the idempotency key. */
export interface DeclareBody {
  name: string;
  summary?: string;
  severity?: string;
  type?: string;
  mode: "standard" | "test";
  customFields?: Record<string, string>;
}

/** The body of a `close` outbox entry. */
export interface CloseBody {
  message: string;
}

/** The body of an `update` outbox entry: an update on an incident the alert named (ID or link). */
export interface UpdateBody {
  incident: string;
  message: string;
}

/** The body of a `forward` outbox entry: an alert event for an incident.io HTTP alert source. */
export interface ForwardBody {
  alertSourceConfigId: string;
  /** The variable holding the alert source's token: the token itself is never stored. */
  tokenEnv: string;
  deduplicationKey: string;
  status: "firing" | "resolved";
  title: string;
  description?: string;
  sourceUrl?: string;
  metadata: Record<string, string>;
}

/** A call to incident.io an alert puts in the outbox. */
export type OutboxCall =
  | { kind: "declare"; body: DeclareBody; idempotencyKey: string }
  | { kind: "close"; body: CloseBody }
  | { kind: "update"; body: UpdateBody; idempotencyKey: string }
  | { kind: "forward"; body: ForwardBody };

/** What the rules and the group's state made of one alert. */
export interface Planned {
  decision: AlertDecision;
  reason: string;
  enqueue?: OutboxCall;
  /** It arrived while its group's incident was open: a repeat, or the alert that resolves it. */
  whileOpen?: true;
}
