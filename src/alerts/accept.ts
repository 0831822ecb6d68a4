import type { Insertable } from "kysely";
import type { AlertsTable, Store } from "../store/index.js";
import type { AcceptedAlert } from "./acceptance/calls.js";
import { GroupStates } from "./acceptance/group-states.js";
import { GroupWrites } from "./acceptance/group-writes.js";
import { MemberStatuses } from "./acceptance/members.js";
import { type IntakeBatch, placeAlerts } from "./acceptance/place.js";
import { Acceptance } from "./acceptance/plan.js";
import { type QueuedCall, writeAccepted } from "./acceptance/write.js";
import { loadHistory } from "./history.js";
import type { RuleSet } from "./rules/index.js";
import { labelsColumn } from "./stored-labels.js";

export type {
  AcceptedAlert,
  CloseBody,
  DeclareBody,
  ForwardBody,
  UpdateBody,
} from "./acceptance/calls.js";
export type { IntakeBatch } from "./acceptance/place.js";

/** The rules whose daily caps count the incidents opened today. */
function cappedRules(rules: RuleSet): string[] {
  return rules.rules.filter((rule) => rule.suppress.dailyCap !== undefined).map((rule) => rule.name);
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
      const members = await MemberStatuses.load(trx, placed);
      const writes = new GroupWrites();
      const acceptance = new Acceptance(
        store.installId,
        rules,
        history,
        groups,
        writes,
        members.apply(placed, at),
        placed,
        batch.notification,
        now,
      );
      const accepted: AcceptedAlert[] = [];
      const alerts: Insertable<AlertsTable>[] = [];
      const calls: QueuedCall[] = [];
      for (const [index, alert] of placed.entries()) {
        const planned = await acceptance.plan(alert, index);
        const { event } = alert;
        const rule = alert.rule?.name;
        alerts.push({
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
          calls.push({ alertId: alert.id, groupKey: alert.place.key, call: planned.enqueue, at: now });
        accepted.push({
          id: alert.id,
          decision: planned.decision,
          reason: planned.reason,
          groupKey: alert.place.key,
          ...(rule !== undefined ? { rule } : {}),
          ...(planned.enqueue ? { enqueued: planned.enqueue.kind } : {}),
        });
      }
      await writeAccepted(trx, { groups: writes, members, alerts, calls });
      return accepted;
    },
    { locks },
  );
}
