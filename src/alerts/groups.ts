import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { AlertGroupsTable, Database } from "../store/index.js";
import type { AlertEvent, NotificationInfo } from "./event.js";
import type { GroupBy } from "./rules/index.js";

export type AlertGroup = Selectable<AlertGroupsTable>;

/** The key an alert group of one alert is stored under: its source and dedup key. */
export function groupKeyOf(source: string, dedupKey: string): string {
  return `${source}:${dedupKey}`;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** Where an alert's group comes from, and the key it is stored under. */
export interface GroupPlace {
  key: string;
  /** Whether the group gathers several alerts, whose members are tracked so it closes when none fires. */
  several: boolean;
  /** What the group is named by in its row: the dedup key, the sender's group key, or the labels. */
  name: string;
}

/**
 * The group an alert joins under `groupBy`: its notification group (the sender's `groupKey`; an alert whose
 * notification has none is its own group), the values of some labels, or itself.
 */
export function groupPlace(
  event: AlertEvent,
  groupBy: GroupBy,
  notification: NotificationInfo | undefined,
): GroupPlace {
  if (groupBy === "notification" && notification?.groupKey !== undefined) {
    const name = notification.groupKey.slice(0, 255);
    return { key: `${event.source}:notification:${digest(notification.groupKey)}`, several: true, name };
  }
  if (typeof groupBy === "object") {
    const values = groupBy.labels.map((label) => [label, event.labels[label] ?? ""]);
    const name = values
      .map(([label, value]) => `${label}=${value}`)
      .join(",")
      .slice(0, 255);
    return { key: `${event.source}:labels:${digest(JSON.stringify(values))}`, several: true, name };
  }
  return { key: groupKeyOf(event.source, event.dedupKey), several: false, name: event.dedupKey };
}

/**
 * The idempotency key of the declare for one generation of a group, opened by one alert. Derived, never random,
 * and stored with the outbox entry, so a retried or restarted delivery asks incident.io for the same incident and
 * gets the one it already made. Salted with the database's install ID, so a hub started afresh on a new database
 * is never handed an old database's incident, and with the opening alert's ID, so a group pruned by retention and
 * opened again later never gets its old, closed incident back.
 */
export function declareIdempotencyKey(
  installId: string,
  groupKey: string,
  generation: number,
  openingAlertId: string,
): string {
  const digest = createHash("sha256")
    .update(`${installId}#${groupKey}#${generation}#${openingAlertId}`)
    .digest("hex");
  return `incidentkit-alert-${digest.slice(0, 32)}`;
}

export async function findGroup(db: Kysely<Database>, groupKey: string): Promise<AlertGroup | undefined> {
  return db.selectFrom("alert_groups").selectAll().where("group_key", "=", groupKey).executeTakeFirst();
}

/** How history names the group's incident: its reference once declared. */
export function incidentLabel(group: AlertGroup, declarePending: boolean): string {
  if (declarePending) return "the incident being declared";
  return group.incident_reference ?? group.incident_id ?? "the group's last incident";
}
