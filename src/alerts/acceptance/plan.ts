import { createHash } from "node:crypto";
import { formatDuration } from "../../shared/duration.js";
import { escapeMarkdown } from "../../shared/markdown.js";
import type { AlertEvent } from "../event.js";
import { type AlertGroup, declareIdempotencyKey, incidentLabel } from "../groups.js";
import type { PrefetchedHistory } from "../history.js";
import { incidentSummary } from "../incident-summary.js";
import { type Decision, decideBy, type IncidentRequest, type Rule, type RuleSet } from "../rules/index.js";
import type { DeclareBody, Planned } from "./calls.js";
import type { GroupStates } from "./group-states.js";
import type { GroupWrites } from "./group-writes.js";
import type { BatchMembers } from "./members.js";
import { namedIncidentOf, type Placed } from "./place.js";

function idempotencyKeyFor(kind: string, installId: string, id: string): string {
  const digest = createHash("sha256").update(`${installId}#${kind}#${id}`).digest("hex");
  return `incidentkit-${kind}-${digest.slice(0, 32)}`;
}

/**
 * What becomes of each alert of one round of intake, in order: the rules' decision given its group's state, the
 * group's new state and the call to incident.io it needs. Later alerts see what earlier ones did.
 */
export class Acceptance {
  constructor(
    private readonly installId: string,
    private readonly rules: RuleSet,
    private readonly history: PrefetchedHistory,
    private readonly groups: GroupStates,
    private readonly writes: GroupWrites,
    private readonly members: BatchMembers,
    private readonly placed: readonly Placed[],
    private readonly now: Date,
  ) {}

  private get at(): string {
    return this.now.toISOString();
  }

  async plan(alert: Placed, index: number): Promise<Planned> {
    const before = await this.groups.get(alert.place.key);
    const planned = await this.decide(alert, index);
    return before?.group.state === "open" ? { ...planned, whileOpen: true } : planned;
  }

  private async decide(alert: Placed, index: number): Promise<Planned> {
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
   * at its first alert so its outbox entries have a group, and never changed after. It is resolved from the start:
   * nothing would ever resolve it, and retention prunes resolved groups only.
   */
  private async ownGroup(alert: Placed): Promise<void> {
    const key = alert.place.key;
    const known = await this.groups.get(key);
    if (known !== undefined) return;
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
    const truncated = alert.place.several ? (alert.notification?.truncatedAlerts ?? 0) : 0;
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
      truncated_alerts: facts.truncated > 0 ? facts.truncated : null,
    };
    if (generation === 1) this.writes.insert(row);
    else this.writes.set(row, row);
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
    this.writes.set(group, { state: "resolved", resolved_at: this.at });
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
    const all = alert.place.several ? " (the group's alerts have all resolved)" : "";
    return {
      decision: "resolve",
      reason: `${decision.reason}; closing ${incidentLabel(group, pending)}${all}`,
      enqueue: { kind: "close", body: { message } },
    };
  }
}
