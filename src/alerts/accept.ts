import type { Transaction } from "kysely";
import type { Database, Store } from "../store/index.js";
import type { AcceptedAlert } from "./acceptance/calls.js";
import { GroupStates } from "./acceptance/group-states.js";
import { GroupWrites } from "./acceptance/group-writes.js";
import { MemberStatuses } from "./acceptance/members.js";
import { type IntakeBatch, type Placed, placeAlerts } from "./acceptance/place.js";
import { Acceptance } from "./acceptance/plan.js";
import { type AlertRow, type QueuedCall, writeAccepted } from "./acceptance/write.js";
import { loadHistory } from "./history.js";
import type { RuleSet } from "./rules/index.js";

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
  const [accepted = []] = await acceptBatches(store, rules, [batch], now);
  return accepted;
}

/**
 * Several requests' batches in one transaction, each answered as if accepted alone after the ones before it
 * (see `acceptAlerts`), at a fraction of the statements: batches that touch no group in common are accepted
 * together, a round of reads and writes for all of them; a batch that shares a group with an earlier one waits
 * for a later round of the same transaction, so it sees what the earlier one did.
 */
export function acceptBatches(
  store: Store,
  rules: RuleSet,
  batches: readonly IntakeBatch[],
  now: Date,
): Promise<AcceptedAlert[][]> {
  return acceptTaken(store, rules, () => ({ batches, now }));
}

/** What a transaction accepts: the batches, and the time they are accepted at. */
export interface Taken {
  batches: readonly IntakeBatch[];
  now: Date;
}

/**
 * `acceptBatches` for the batches `take` gives when the transaction begins (once, however often the transaction
 * is tried): a caller such as the hub's intake queue can leave more requests to join it until then.
 */
export function acceptTaken(store: Store, rules: RuleSet, take: () => Taken): Promise<AcceptedAlert[][]> {
  const capped = cappedRules(rules);
  let taken: { placed: Placed[][]; now: Date } | undefined;
  const placeTaken = () => {
    if (!taken) {
      const { batches, now } = take();
      taken = { placed: batches.map((batch) => placeAlerts(batch, rules, now)), now };
    }
    return taken;
  };
  return store.write(
    async (trx) => {
      const { placed, now } = placeTaken();
      const accepted: AcceptedAlert[][] = [];
      for (const round of disjointRounds(placed)) {
        const answers = await acceptRound(
          trx,
          store.installId,
          rules,
          capped,
          round.flatMap((i) => placed[i] ?? []),
          now,
        );
        let next = 0;
        for (const i of round) {
          const count = placed[i]?.length ?? 0;
          accepted[i] = answers.slice(next, next + count);
          next += count;
        }
      }
      return accepted;
    },
    // Against other hub processes on the same database: each group's state, and each daily cap's count. Asked
    // for (PostgreSQL) as the transaction begins, before its work.
    { locks: () => lockNames(placeTaken().placed, capped) },
  );
}

/** The locks a transaction accepting these alerts takes: their groups', and the capped rules' counts. */
function lockNames(placed: readonly Placed[][], capped: readonly string[]): string[] {
  const keys = new Set(placed.flatMap((alerts) => alerts.map((p) => p.place.key)));
  return [...[...keys].map((key) => `alert-group:${key}`), ...capped.map((rule) => `daily-cap:${rule}`)];
}

/** The batches (by index, in order) in rounds whose batches share no group: the fewest rounds, order kept. */
function disjointRounds(placed: readonly Placed[][]): number[][] {
  const rounds: Array<{ batches: number[]; keys: Set<string> }> = [];
  placed.forEach((alerts, index) => {
    const keys = alerts.map((p) => p.place.key);
    // After the last round sharing a group with this batch: it must see what that round did.
    let after = -1;
    rounds.forEach((round, r) => {
      if (keys.some((key) => round.keys.has(key))) after = r;
    });
    let round = rounds[after + 1];
    if (!round) {
      round = { batches: [], keys: new Set() };
      rounds.push(round);
    }
    round.batches.push(index);
    for (const key of keys) round.keys.add(key);
  });
  return rounds.map((round) => round.batches);
}

/** One round: alerts whose groups no other batch of the round touches, read, decided and written together. */
async function acceptRound(
  trx: Transaction<Database>,
  installId: string,
  rules: RuleSet,
  capped: readonly string[],
  placed: readonly Placed[],
  now: Date,
): Promise<AcceptedAlert[]> {
  const at = now.toISOString();
  const groups = await GroupStates.load(
    trx,
    placed.map((p) => p.place.key),
  );
  const events = placed.map((p) => p.event);
  const history = await loadHistory(trx, events, now, rules.timezone, capped, groups.lastOpened());
  for (const p of placed) history.placeIn(p.event, p.place.key);
  const members = await MemberStatuses.load(trx, placed);
  const writes = new GroupWrites();
  const acceptance = new Acceptance(
    installId,
    rules,
    history,
    groups,
    writes,
    members.apply(placed, at),
    placed,
    now,
  );
  const accepted: AcceptedAlert[] = [];
  const alerts: AlertRow[] = [];
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
      labels: alert.labelsColumn,
      payload: alert.payload,
      received_at: at,
      decision: planned.decision,
      reason: planned.reason,
      rule: rule ?? null,
      while_open: planned.whileOpen ? 1 : null,
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
}
