import { idGenerator } from "../../shared/ids.js";
import type { AlertEvent, NotificationInfo } from "../event.js";
import { type GroupPlace, groupPlace } from "../groups.js";
import type { AlertFormat } from "../intake/index.js";
import { firstMatch, type GroupBy, type Rule, type RuleSet } from "../rules/index.js";
import { labelsColumn } from "../stored-labels.js";

/** One request's alerts, parsed: what intake records. */
export interface IntakeBatch {
  /** The intake source's name. */
  source: string;
  /** The format the body was read as: it sets how alerts group when a rule does not say. */
  format: AlertFormat;
  events: readonly AlertEvent[];
  /** Each alert's own JSON as sent (parsed), index for index. */
  sent: readonly unknown[];
  notification?: NotificationInfo;
}

/** One alert of a batch, placed in its group. */
export interface Placed {
  id: string;
  event: AlertEvent;
  /** Its own JSON as sent, the text the hub stores. */
  payload: string;
  /** Its `labels` column (stored-labels.ts). */
  labelsColumn: string | null;
  rule: Rule | undefined;
  place: GroupPlace;
  /** The notification the alert came in, if its body was one. */
  notification: NotificationInfo | undefined;
}

/** Alert IDs, on the times intake is given (the hub's clock). */
const nextId = idGenerator();

function defaultGroupBy(format: AlertFormat): GroupBy {
  return format === "generic" ? "alert" : "notification";
}

/** The incident an alert names (its ID or link), if any. */
export function namedIncidentOf(event: AlertEvent): string | undefined {
  return event.incidentIoIncidentId ?? event.incidentIoUrl;
}

/** Where each alert goes: test notifications and alerts naming an incident are groups of their own kind. */
export function placeAlerts(batch: IntakeBatch, rules: RuleSet, now: Date): Placed[] {
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
    const sent = batch.sent[index] ?? raw;
    return {
      id,
      event,
      payload: JSON.stringify(sent),
      labelsColumn: labelsColumn(event.labels, sent),
      rule,
      place,
      notification: batch.notification,
    };
  });
}
