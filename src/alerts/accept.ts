import { type Kysely, sql } from "kysely";
import { monotonicFactory } from "ulid";
import type { AlertDecision, Database, Store } from "../store/index.js";
import type { AlertEvent } from "./event.js";
import { GroupStates } from "./group-states.js";
import { type AlertGroup, declareIdempotencyKey, groupKeyOf, incidentLabel } from "./groups.js";
import { loadHistory, type PrefetchedHistory } from "./history.js";
import { formatDuration } from "./rules/duration.js";
import { type Decision, decide, type IncidentRequest, type RuleSet } from "./rules/index.js";

/** What became of one accepted alert. */
export interface AcceptedAlert {
  /** The alert's ULID. */
  id: string;
  decision: AlertDecision;
  reason: string;
  rule?: string;
  groupKey: string;
  /** The call to incident.io this alert put in the outbox, if any. */
  enqueued?: "declare" | "close";
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

const nextId = monotonicFactory();

interface Outcome {
  decision: AlertDecision;
  reason: string;
  enqueue?:
    | { kind: "declare"; body: DeclareBody; idempotencyKey: string }
    | { kind: "close"; body: CloseBody };
  group?: (alertId: string) => Promise<void>;
}

function declareBody(incident: IncidentRequest, event: AlertEvent): DeclareBody {
  const labels = Object.entries(event.labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  const origin = `Opened by incidentkit from ${event.source} alert ${event.dedupKey}${labels ? ` (${labels})` : ""}.`;
  const summary = [incident.summary, event.sourceUrl, origin].filter((part) => part?.trim()).join("\n\n");
  return {
    name: incident.name,
    summary,
    mode: incident.mode,
    ...(incident.severity !== undefined ? { severity: incident.severity } : {}),
    ...(incident.type !== undefined ? { type: incident.type } : {}),
    ...(Object.keys(incident.customFields).length > 0 ? { customFields: incident.customFields } : {}),
  };
}

class Acceptance {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly installId: string,
    private readonly rules: RuleSet,
    private readonly history: PrefetchedHistory,
    private readonly groups: GroupStates,
    private readonly now: Date,
  ) {}

  /** This group was written to: its state is read again when next needed. */
  changed(groupKey: string): void {
    this.groups.forget(groupKey);
  }

  private get at(): string {
    return this.now.toISOString();
  }

  async plan(event: AlertEvent, decision: Decision, groupKey: string): Promise<Outcome> {
    if (decision.action === "open_incident" && decision.incident) {
      return this.open(event, decision, decision.incident, groupKey);
    }
    if (decision.action === "resolve") return this.resolve(event, decision, groupKey);
    return { decision: decision.action, reason: decision.reason };
  }

  private fired(groupKey: string, extra: Record<string, unknown> = {}) {
    return async (alertId: string) => {
      await this.db
        .updateTable("alert_groups")
        .set({ last_fired_at: this.at, last_alert_id: alertId, ...extra })
        .where("group_key", "=", groupKey)
        .execute();
    };
  }

  private declare(
    event: AlertEvent,
    decision: Decision,
    incident: IncidentRequest,
    key: string,
    generation: number,
  ) {
    this.history.noteOpened(event, decision.rule, this.now);
    return {
      kind: "declare" as const,
      body: declareBody(incident, event),
      idempotencyKey: declareIdempotencyKey(this.installId, key, generation),
    };
  }

  private async open(event: AlertEvent, decision: Decision, incident: IncidentRequest, key: string) {
    const state = await this.groups.get(key);
    if (!state) {
      return {
        decision: "open_incident" as const,
        reason: decision.reason,
        enqueue: this.declare(event, decision, incident, key, 1),
        group: async (alertId: string) => {
          await this.db
            .insertInto("alert_groups")
            .values({
              group_key: key,
              source: event.source,
              dedup_key: event.dedupKey,
              generation: 1,
              state: "open",
              opened_at: this.at,
              last_fired_at: this.at,
              last_alert_id: alertId,
            })
            .execute();
        },
      };
    }
    if (state.group.state === "open") return this.repeat(state.group, state.declarePending);
    return this.reopen(event, decision, incident, state.group);
  }

  private repeat(group: AlertGroup, pending: boolean): Outcome {
    const reason =
      pending || group.incident_id !== null
        ? `repeat of open group ${group.group_key} (${incidentLabel(group, pending)}): recorded only`
        : `repeat of open group ${group.group_key}, whose incident could not be declared (see its deliveries): recorded only`;
    return { decision: "record_only", reason, group: this.fired(group.group_key) };
  }

  private reopen(
    event: AlertEvent,
    decision: Decision,
    incident: IncidentRequest,
    group: AlertGroup,
  ): Outcome {
    const window = this.rules.defaults.reopenAfterMs;
    const resolvedAt = group.resolved_at === null ? 0 : Date.parse(group.resolved_at);
    const label = incidentLabel(group, false);
    if (this.now.getTime() - resolvedAt < window) {
      return {
        decision: "record_only",
        reason: `within re-open window (${formatDuration(window)}) of ${label}: recorded only`,
        group: this.fired(group.group_key),
      };
    }
    const generation = group.generation + 1;
    return {
      decision: "open_incident",
      reason: `${decision.reason} (the group's last incident, ${label}, closed more than ${formatDuration(window)} ago)`,
      enqueue: this.declare(event, decision, incident, group.group_key, generation),
      group: this.fired(group.group_key, {
        generation,
        state: "open",
        opened_at: this.at,
        resolved_at: null,
      }),
    };
  }

  private async resolve(event: AlertEvent, decision: Decision, key: string): Promise<Outcome> {
    const state = await this.groups.get(key);
    const group = state?.group;
    if (group?.state !== "open") {
      return {
        decision: "record_only",
        reason: `${decision.reason}; group ${key} has no open incident: recorded only`,
      };
    }
    const pending = state?.declarePending ?? false;
    const markResolved = async () => {
      await this.db
        .updateTable("alert_groups")
        .set({ state: "resolved", resolved_at: this.at })
        .where("group_key", "=", key)
        .execute();
    };
    if (!pending && group.incident_id === null) {
      return {
        decision: "record_only",
        reason: `${decision.reason}; group ${key} never got an incident (its declare failed): recorded only`,
        group: markResolved,
      };
    }
    return {
      decision: "resolve",
      reason: `${decision.reason}; closing ${incidentLabel(group, pending)}`,
      enqueue: {
        kind: "close",
        body: { message: `Alert resolved in ${event.source}: ${event.title} (${event.dedupKey}).` },
      },
      group: markResolved,
    };
  }
}

async function acceptOne(
  db: Kysely<Database>,
  acceptance: Acceptance,
  decision: Decision,
  event: AlertEvent,
  payload: string,
  now: Date,
): Promise<AcceptedAlert> {
  const groupKey = groupKeyOf(event.source, event.dedupKey);
  const outcome = await acceptance.plan(event, decision, groupKey);
  const id = nextId(now.getTime());
  const at = now.toISOString();
  await db
    .insertInto("alerts")
    .values({
      id,
      source: event.source,
      dedup_key: event.dedupKey,
      group_key: groupKey,
      status: event.status,
      title: event.title,
      description: event.description ?? null,
      severity: event.severity ?? null,
      labels: JSON.stringify(event.labels),
      payload,
      received_at: at,
      decision: outcome.decision,
      reason: outcome.reason,
      rule: decision.rule ?? null,
    })
    .execute();
  await outcome.group?.(id);
  if (outcome.group || outcome.enqueue) acceptance.changed(groupKey);
  if (outcome.enqueue) {
    await db
      .insertInto("outbox")
      .values({
        id: nextId(now.getTime()),
        group_key: groupKey,
        alert_id: id,
        kind: outcome.enqueue.kind,
        body: JSON.stringify(outcome.enqueue.body),
        idempotency_key: outcome.enqueue.kind === "declare" ? outcome.enqueue.idempotencyKey : null,
        // Counted in the database, under the group's lock: the order the group's calls go out in.
        seq: db
          .selectFrom("outbox")
          .select((eb) => sql<number>`${eb.fn.coalesce(eb.fn.max("seq"), sql.lit(0))} + 1`.as("next"))
          .where("group_key", "=", groupKey),
        state: "pending",
        next_attempt_at: at,
        created_at: at,
      })
      .execute();
  }
  return {
    id,
    decision: outcome.decision,
    reason: outcome.reason,
    groupKey,
    ...(decision.rule !== undefined ? { rule: decision.rule } : {}),
    ...(outcome.enqueue ? { enqueued: outcome.enqueue.kind } : {}),
  };
}

function cappedRules(rules: RuleSet): string[] {
  return rules.rules.filter((rule) => rule.suppress.dailyCap !== undefined).map((rule) => rule.name);
}

/**
 * Records a batch of alerts from one request in ONE transaction: each alert with what the rules decided, its
 * group's new state, and the calls to incident.io it needs, in the outbox. Once this resolves the alerts are
 * durable; the outbox worker makes the calls.
 *
 * - A firing alert the rules open an incident for starts a group and enqueues a declare; a repeat while the group
 *   is open is recorded only. After the group resolved, a firing alert opens a new incident (the group's next
 *   generation) only once the rules' re-open window has passed; within it, it is recorded only.
 * - A resolved or dismissed alert for an open group enqueues a close, delivered after the group's declare.
 */
export async function acceptAlerts(
  store: Store,
  rules: RuleSet,
  source: string,
  events: readonly AlertEvent[],
  rawBody: unknown,
  now: Date,
): Promise<AcceptedAlert[]> {
  const payload = typeof rawBody === "string" ? rawBody : (JSON.stringify(rawBody) ?? "null");
  const stamped = events.map((event) => ({ ...event, source }));
  const capped = cappedRules(rules);
  // Against other hub processes on the same database: each group's state, and each daily cap's count.
  const locks = [
    ...stamped.map((event) => `alert-group:${groupKeyOf(source, event.dedupKey)}`),
    ...capped.map((rule) => `daily-cap:${rule}`),
  ];
  return store.write(
    async (trx) => {
      const groups = await GroupStates.load(
        trx,
        stamped.map((event) => groupKeyOf(source, event.dedupKey)),
      );
      const history = await loadHistory(trx, stamped, now, rules.timezone, capped, groups.lastOpened());
      const acceptance = new Acceptance(trx, store.installId, rules, history, groups, now);
      const accepted: AcceptedAlert[] = [];
      for (const event of stamped) {
        const decision = decide(event, rules, history, now);
        accepted.push(await acceptOne(trx, acceptance, decision, event, payload, now));
      }
      return accepted;
    },
    { locks },
  );
}
