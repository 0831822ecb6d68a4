import { createHash } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import { idGenerator } from "../shared/ids.js";
import { escapeMarkdown } from "../shared/markdown.js";
import type { AlertDecision, AlertGroupsTable, AlertsTable, Database, Store } from "../store/index.js";
import type { AlertEvent, NotificationInfo } from "./event.js";
import { GroupStates } from "./group-states.js";
import {
  type AlertGroup,
  declareIdempotencyKey,
  type GroupPlace,
  groupPlace,
  incidentLabel,
} from "./groups.js";
import { loadHistory, type PrefetchedHistory } from "./history.js";
import { incidentSummary } from "./incident-summary.js";
import type { AlertFormat } from "./intake/index.js";
import { formatDuration } from "./rules/duration.js";
import {
  type Decision,
  decideBy,
  firstMatch,
  type GroupBy,
  type IncidentRequest,
  type Rule,
  type RuleSet,
} from "./rules/index.js";
import { labelsColumn } from "./stored-labels.js";

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

type OutboxCall =
  | { kind: "declare"; body: DeclareBody; idempotencyKey: string }
  | { kind: "close"; body: CloseBody }
  | { kind: "update"; body: UpdateBody; idempotencyKey: string }
  | { kind: "forward"; body: ForwardBody };

/** One request's alerts, parsed: what `acceptAlerts` records. */
export interface IntakeBatch {
  /** The intake source's name. */
  source: string;
  /** The format the body was read as: it sets how alerts group when a rule does not say. */
  format: AlertFormat;
  events: readonly AlertEvent[];
  /** Each alert's own JSON as sent, index for index. */
  payloads: readonly string[];
  notification?: NotificationInfo;
}

/** Alert and outbox IDs, on the times intake is given (the hub's clock). */
const nextId = idGenerator();
/** Rows written per statement: well inside SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

interface Planned {
  decision: AlertDecision;
  reason: string;
  enqueue?: OutboxCall;
}

/** One alert of the batch, placed in its group. */
interface Placed {
  id: string;
  event: AlertEvent;
  payload: string;
  rule: Rule | undefined;
  place: GroupPlace;
}

function defaultGroupBy(format: AlertFormat): GroupBy {
  return format === "generic" ? "alert" : "notification";
}

function idempotencyKeyFor(kind: string, installId: string, id: string): string {
  const digest = createHash("sha256").update(`${installId}#${kind}#${id}`).digest("hex");
  return `incidentkit-${kind}-${digest.slice(0, 32)}`;
}

/** The incident an alert names, and an update message for it. */
function namedIncidentOf(event: AlertEvent): string | undefined {
  return event.incidentIoIncidentId ?? event.incidentIoUrl;
}

/** Where each alert goes: test notifications and alerts naming an incident are groups of their own kind. */
function placeAlerts(batch: IntakeBatch, rules: RuleSet, now: Date): Placed[] {
  return batch.events.map((raw, index) => {
    const event = { ...raw, source: batch.source };
    const id = nextId(now.getTime());
    const rule = event.test ? undefined : firstMatch(rules.rules, event);
    const own = (kind: string, name: string): GroupPlace => ({
      key: `${batch.source}:${kind}:${name}`,
      several: false,
      name: event.dedupKey,
    });
    const place = event.test
      ? own("test", id)
      : namedIncidentOf(event) !== undefined
        ? own("update", event.dedupKey)
        : rule?.forward
          ? own("forward", event.dedupKey)
          : groupPlace(event, rule?.groupBy ?? defaultGroupBy(batch.format), batch.notification);
    return { id, event, payload: batch.payloads[index] ?? JSON.stringify(raw), rule, place };
  });
}

type MemberRow = Insertable<Database["alert_group_members"]>;

/**
 * The members of the batch's several-alert groups: what the batch says of each, and how many of each group's
 * alerts still fire once the whole batch is counted (worked out once, not per alert).
 */
class Members {
  /** Per group, the batch's latest word on each of its alerts, by dedup key: the rows to write. */
  private readonly changed = new Map<string, Map<string, Pick<MemberRow, "status" | "title">>>();
  private readonly firingCount = new Map<string, number>();
  /** Per group, the index of the batch's last alert that stopped firing. */
  private readonly lastResolved = new Map<string, number>();

  static async load(db: Kysely<Database>, placed: readonly Placed[]): Promise<Members> {
    const members = new Members();
    placed.forEach((p, index) => {
      if (!p.place.several) return;
      const status = p.event.status === "firing" ? "firing" : "resolved";
      let group = members.changed.get(p.place.key);
      if (!group) {
        group = new Map();
        members.changed.set(p.place.key, group);
      }
      group.set(p.event.dedupKey, { status, title: p.event.title });
      if (status === "resolved") members.lastResolved.set(p.place.key, index);
    });
    const stored = new Map<string, Map<string, string>>();
    for (const chunk of chunks([...members.changed.keys()])) {
      const rows = await db
        .selectFrom("alert_group_members")
        .select(["group_key", "dedup_key", "status"])
        .where("group_key", "in", chunk)
        .execute();
      for (const row of rows) {
        if (!stored.has(row.group_key)) stored.set(row.group_key, new Map());
        stored.get(row.group_key)?.set(row.dedup_key, row.status);
      }
    }
    for (const [key, group] of members.changed) {
      const statuses = new Map(stored.get(key));
      for (const [dedupKey, member] of group) statuses.set(dedupKey, member.status);
      members.firingCount.set(key, [...statuses.values()].filter((status) => status === "firing").length);
    }
    return members;
  }

  /** How many of the group's alerts still fire after this batch. */
  firing(key: string): number {
    return this.firingCount.get(key) ?? 0;
  }

  /** Whether this alert is the last of the batch to stop firing in its group: the one that may close it. */
  closesAt(key: string, index: number): boolean {
    return this.lastResolved.get(key) === index;
  }

  /** The member rows this batch changed, to write. */
  rows(at: string): MemberRow[] {
    return [...this.changed].flatMap(([key, group]) =>
      [...group].map(([dedupKey, member]) => ({
        group_key: key,
        dedup_key: dedupKey,
        ...member,
        updated_at: at,
      })),
    );
  }
}

/** The group rows a batch writes: new groups inserted, known ones changed; each written once, at the end. */
class GroupWrites {
  readonly inserts = new Map<string, Insertable<AlertGroupsTable>>();
  readonly updates = new Map<string, Partial<Insertable<AlertGroupsTable>>>();

  insert(row: Insertable<AlertGroupsTable>): void {
    this.inserts.set(row.group_key, row);
  }

  set(key: string, values: Partial<Insertable<AlertGroupsTable>>): void {
    const inserted = this.inserts.get(key);
    if (inserted) Object.assign(inserted, values);
    else this.updates.set(key, { ...this.updates.get(key), ...values });
  }
}

class Acceptance {
  readonly writes = new GroupWrites();

  constructor(
    private readonly installId: string,
    private readonly rules: RuleSet,
    private readonly history: PrefetchedHistory,
    private readonly groups: GroupStates,
    private readonly members: Members,
    private readonly placed: readonly Placed[],
    private readonly notification: NotificationInfo | undefined,
    private readonly now: Date,
  ) {}

  private get at(): string {
    return this.now.toISOString();
  }

  async plan(alert: Placed, index: number): Promise<Planned> {
    const { event } = alert;
    const named = namedIncidentOf(event);
    if (event.test || named !== undefined || alert.rule?.forward) await this.ownGroup(alert);
    if (event.test && event.status !== "firing") {
      return {
        decision: "record_only",
        reason: `test notification from ${event.source} (${event.status}): nothing to open`,
      };
    }
    if (event.test) return this.test(alert);
    if (named !== undefined) return this.update(alert, named);
    if (alert.rule?.forward) return this.forward(alert, alert.rule.forward);
    const state = await this.groups.get(alert.place.key);
    if (event.status === "firing") {
      if (state?.group.state === "open") return this.repeat(alert, state.group, state.declarePending);
      const decision = decideBy(alert.rule, event, this.rules, this.history, this.now);
      if (decision.action !== "open_incident" || !decision.incident) {
        return {
          decision: decision.action === "forward" ? "record_only" : decision.action,
          reason: decision.reason,
        };
      }
      return state
        ? this.reopen(alert, state.group, decision, decision.incident)
        : this.open(alert, decision, decision.incident, 1);
    }
    return this.resolve(alert, index, decideBy(alert.rule, event, this.rules, this.history, this.now));
  }

  /**
   * The group of an alert that is a group of its own kind (a test, an alert naming an incident, a forward): made
   * at its first alert so its outbox entries have a group, and only ever marked with its latest alert. It is
   * resolved from the start: nothing would ever resolve it, and retention prunes resolved groups only.
   */
  private async ownGroup(alert: Placed): Promise<void> {
    const key = alert.place.key;
    if ((await this.groups.get(key)) !== undefined) {
      this.writes.set(key, { last_fired_at: this.at, last_alert_id: alert.id });
      return;
    }
    const group: AlertGroup = {
      group_key: key,
      source: alert.event.source,
      dedup_key: alert.place.name,
      generation: 1,
      state: "resolved",
      incident_id: null,
      incident_reference: null,
      opened_at: alert.event.test ? this.at : null,
      resolved_at: this.at,
      last_fired_at: this.at,
      last_alert_id: alert.id,
      truncated_alerts: null,
    };
    this.writes.insert(group);
    this.groups.set(key, { group, declarePending: false });
  }

  private test(alert: Placed): Planned {
    const { event } = alert;
    return {
      decision: "open_incident",
      reason: `test notification from ${event.source}: opens a test incident`,
      enqueue: {
        kind: "declare",
        body: {
          name: `Test: ${event.title}`,
          summary: incidentSummary(undefined, event, { firing: [event], truncated: 0 }),
          mode: "test",
        },
        idempotencyKey: declareIdempotencyKey(this.installId, alert.place.key, 1, alert.id),
      },
    };
  }

  private update(alert: Placed, incident: string): Planned {
    const { event } = alert;
    const link = event.sourceUrl ? ` ${event.sourceUrl}` : "";
    return {
      decision: "update_incident",
      reason: `the alert names incident ${incident}: posted there as an update instead of declaring`,
      enqueue: {
        kind: "update",
        body: {
          incident,
          message: `Alert ${event.status} in ${event.source}: ${escapeMarkdown(event.title)}${link}`,
        },
        idempotencyKey: idempotencyKeyFor("alert-update", this.installId, alert.id),
      },
    };
  }

  private forward(alert: Placed, { alertSourceConfigId, tokenEnv }: NonNullable<Rule["forward"]>): Planned {
    const { event } = alert;
    const rule = alert.rule?.name ?? "";
    return {
      decision: "forward",
      reason: `forwarded to incident.io alert source ${alertSourceConfigId}: rule ${rule}`,
      enqueue: {
        kind: "forward",
        body: {
          alertSourceConfigId,
          tokenEnv,
          deduplicationKey: event.dedupKey,
          status: event.status === "firing" ? "firing" : "resolved",
          title: event.title,
          ...(event.description !== undefined ? { description: event.description } : {}),
          ...(event.sourceUrl !== undefined ? { sourceUrl: event.sourceUrl } : {}),
          metadata: { ...event.labels, source: event.source },
        },
      },
    };
  }

  /** The firing alerts of this alert's group in the batch, this one first. */
  private groupFacts(alert: Placed) {
    const firing = alert.place.several ? (this.firingByGroup().get(alert.place.key) ?? []) : [alert.event];
    const truncated = alert.place.several ? (this.notification?.truncatedAlerts ?? 0) : 0;
    return { firing: [alert.event, ...firing.filter((event) => event !== alert.event)], truncated };
  }

  private firingInGroups: Map<string, AlertEvent[]> | undefined;

  /** The batch's firing alerts of each several-alert group, gathered once. */
  private firingByGroup(): Map<string, AlertEvent[]> {
    if (this.firingInGroups) return this.firingInGroups;
    const groups = new Map<string, AlertEvent[]>();
    for (const p of this.placed) {
      if (!p.place.several || p.event.status !== "firing") continue;
      const firing = groups.get(p.place.key);
      if (firing) firing.push(p.event);
      else groups.set(p.place.key, [p.event]);
    }
    this.firingInGroups = groups;
    return groups;
  }

  private open(alert: Placed, decision: Decision, incident: IncidentRequest, generation: number): Planned {
    const { event, place } = alert;
    this.history.noteOpened(event, decision.rule, this.now);
    const facts = this.groupFacts(alert);
    const row = {
      group_key: place.key,
      source: event.source,
      dedup_key: place.name,
      generation,
      state: "open" as const,
      incident_id: null,
      incident_reference: null,
      opened_at: this.at,
      resolved_at: null,
      last_fired_at: this.at,
      last_alert_id: alert.id,
      truncated_alerts: facts.truncated > 0 ? facts.truncated : null,
    };
    if (generation === 1) this.writes.insert(row);
    else this.writes.set(place.key, row);
    this.groups.set(place.key, { group: row, declarePending: true });
    const body: DeclareBody = {
      name: incident.name,
      summary: incidentSummary(incident.summary, event, facts),
      mode: incident.mode,
      ...(incident.severity !== undefined ? { severity: incident.severity } : {}),
      ...(incident.type !== undefined ? { type: incident.type } : {}),
      ...(Object.keys(incident.customFields).length > 0 ? { customFields: incident.customFields } : {}),
    };
    const reason =
      facts.firing.length > 1
        ? `${decision.reason}, for the group of ${facts.firing.length + facts.truncated} alerts`
        : decision.reason;
    return {
      decision: "open_incident",
      reason,
      enqueue: {
        kind: "declare",
        body,
        idempotencyKey: declareIdempotencyKey(this.installId, place.key, generation, alert.id),
      },
    };
  }

  private repeat(alert: Placed, group: AlertGroup, pending: boolean): Planned {
    this.writes.set(group.group_key, { last_fired_at: this.at, last_alert_id: alert.id });
    const label = incidentLabel(group, pending);
    if (!pending && group.incident_id === null) {
      return {
        decision: "record_only",
        reason: `repeat in group ${group.group_key}, whose incident could not be declared (see its deliveries): recorded only`,
      };
    }
    if (!alert.place.several) return { decision: "record_only", reason: `repeat of ${label}` };
    const firing = this.members.firing(alert.place.key);
    return { decision: "record_only", reason: `in the group of ${label} (${firing} alerts firing)` };
  }

  private reopen(alert: Placed, state: AlertGroup, decision: Decision, incident: IncidentRequest): Planned {
    const window = this.rules.defaults.reopenAfterMs;
    const resolvedAt = state.resolved_at === null ? 0 : Date.parse(state.resolved_at);
    const label = incidentLabel(state, false);
    if (this.now.getTime() - resolvedAt < window) {
      this.writes.set(state.group_key, { last_fired_at: this.at, last_alert_id: alert.id });
      return {
        decision: "record_only",
        reason: `within re-open window (${formatDuration(window)}) of ${label}: recorded only`,
      };
    }
    const planned = this.open(alert, decision, incident, state.generation + 1);
    return {
      ...planned,
      reason: `${planned.reason} (the group's last incident, ${label}, closed more than ${formatDuration(window)} ago)`,
    };
  }

  private async resolve(alert: Placed, index: number, decision: Decision): Promise<Planned> {
    const key = alert.place.key;
    const state = await this.groups.get(key);
    const group = state?.group;
    if (group?.state !== "open") {
      return {
        decision: "record_only",
        reason: `${decision.reason}; group ${key} has no open incident: recorded only`,
      };
    }
    const pending = state?.declarePending ?? false;
    if (alert.place.several) {
      const firing = this.members.firing(key);
      if (firing > 0 || !this.members.closesAt(key, index)) {
        const still =
          firing > 0
            ? `${firing} alerts of the group still firing`
            : "the group's last alert resolves later in this notification";
        return {
          decision: "record_only",
          reason: `${decision.reason}; ${still}, so ${incidentLabel(group, pending)} stays open`,
        };
      }
    }
    const resolved = { ...group, state: "resolved" as const, resolved_at: this.at };
    this.groups.set(key, { group: resolved, declarePending: pending });
    this.writes.set(key, { state: "resolved", resolved_at: this.at });
    if (!pending && group.incident_id === null) {
      return {
        decision: "record_only",
        reason: `${decision.reason}; group ${key} never got an incident (its declare failed): recorded only`,
      };
    }
    const { event } = alert;
    const message = alert.place.several
      ? `Every alert of the ${event.source} group has resolved (the last: ${escapeMarkdown(event.title)}).`
      : `Alert resolved in ${event.source}: ${escapeMarkdown(event.title)} (${escapeMarkdown(event.dedupKey)}).`;
    return {
      decision: "resolve",
      reason: `${decision.reason}; closing ${incidentLabel(group, pending)}`,
      enqueue: { kind: "close", body: { message } },
    };
  }
}

function cappedRules(rules: RuleSet): string[] {
  return rules.rules.filter((rule) => rule.suppress.dailyCap !== undefined).map((rule) => rule.name);
}

/** The rows in slices small enough for one statement's bound values on either database. */
function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

async function write(
  db: Kysely<Database>,
  acceptance: Acceptance,
  members: Members,
  rows: Insertable<AlertsTable>[],
  calls: Array<{ alertId: string; groupKey: string; call: OutboxCall }>,
  at: string,
  nowMs: number,
): Promise<void> {
  const { inserts, updates } = acceptance.writes;
  for (const chunk of chunks([...inserts.values()]))
    await db.insertInto("alert_groups").values(chunk).execute();
  for (const chunk of chunks(rows)) await db.insertInto("alerts").values(chunk).execute();
  for (const [key, values] of updates) {
    await db.updateTable("alert_groups").set(values).where("group_key", "=", key).execute();
  }
  for (const chunk of chunks(members.rows(at))) {
    await db
      .insertInto("alert_group_members")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["group_key", "dedup_key"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          title: eb.ref("excluded.title"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
  for (const { alertId, groupKey, call } of calls) {
    await db
      .insertInto("outbox")
      .values({
        id: nextId(nowMs),
        group_key: groupKey,
        alert_id: alertId,
        kind: call.kind,
        body: JSON.stringify(call.body),
        idempotency_key: "idempotencyKey" in call ? call.idempotencyKey : null,
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
}

/**
 * Records a batch of alerts from one request in ONE transaction: each alert with what the rules decided, its
 * group's new state, and the calls to incident.io it needs, in the outbox. Once this resolves the alerts are
 * durable; the outbox worker makes the calls.
 *
 * - Alerts group as the first matching rule's `group_by` says (by default: Alertmanager and Grafana alerts by
 *   their notification group, generic alerts each on its own). A firing alert whose group has no open incident
 *   goes to the rules; if they open one, its declare lists the group's firing alerts. A firing alert of an open
 *   group is recorded against its incident ("repeat of INC-527"), never suppressed.
 * - A group's incident closes when none of its alerts fires any more. After it closed, a firing alert opens a new
 *   incident (the group's next generation) only once the rules' re-open window has passed.
 * - A test notification opens a test incident; an alert naming an incident.io incident posts an update there; a
 *   rule's `forward_to_alert_source` sends the alert to an incident.io alert source.
 */
export async function acceptAlerts(
  store: Store,
  rules: RuleSet,
  batch: IntakeBatch,
  now: Date,
): Promise<AcceptedAlert[]> {
  const placed = placeAlerts(batch, rules, now);
  const keys = [...new Set(placed.map((p) => p.place.key))];
  const capped = cappedRules(rules);
  // Against other hub processes on the same database: each group's state, and each daily cap's count.
  const locks = [...keys.map((key) => `alert-group:${key}`), ...capped.map((rule) => `daily-cap:${rule}`)];
  const at = now.toISOString();
  return store.write(
    async (trx) => {
      const groups = await GroupStates.load(trx, keys);
      const events = placed.map((p) => p.event);
      const history = await loadHistory(trx, events, now, rules.timezone, capped, groups.lastOpened());
      for (const p of placed) history.placeIn(p.event, p.place.key);
      const members = await Members.load(trx, placed);
      const acceptance = new Acceptance(
        store.installId,
        rules,
        history,
        groups,
        members,
        placed,
        batch.notification,
        now,
      );
      const accepted: AcceptedAlert[] = [];
      const rows: Insertable<AlertsTable>[] = [];
      const calls: Array<{ alertId: string; groupKey: string; call: OutboxCall }> = [];
      for (const [index, alert] of placed.entries()) {
        const planned = await acceptance.plan(alert, index);
        const { event } = alert;
        const rule = alert.rule?.name;
        rows.push({
          id: alert.id,
          source: event.source,
          dedup_key: event.dedupKey,
          group_key: alert.place.key,
          status: event.status,
          title: event.title,
          description: event.description ?? null,
          severity: event.severity ?? null,
          labels: labelsColumn(event.labels, alert.payload),
          payload: alert.payload,
          received_at: at,
          decision: planned.decision,
          reason: planned.reason,
          rule: rule ?? null,
        });
        if (planned.enqueue)
          calls.push({ alertId: alert.id, groupKey: alert.place.key, call: planned.enqueue });
        accepted.push({
          id: alert.id,
          decision: planned.decision,
          reason: planned.reason,
          groupKey: alert.place.key,
          ...(rule !== undefined ? { rule } : {}),
          ...(planned.enqueue ? { enqueued: planned.enqueue.kind } : {}),
        });
      }
      await write(trx, acceptance, members, rows, calls, at, now.getTime());
      return accepted;
    },
    { locks },
  );
}
