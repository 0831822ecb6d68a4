import type { Kysely } from "kysely";
import type { Database } from "../store/index.js";
import type { AlertEvent } from "./event.js";
import type { SuppressionHistory } from "./rules/index.js";
import { startOfLocalDay } from "./rules/time-zone.js";

function groupKeyOf(source: string, dedupKey: string): string {
  return `${source}:${dedupKey}`;
}

/**
 * The rules' history, answered synchronously from facts loaded beforehand, and kept current as the caller opens
 * more incidents in the same batch (`noteOpened`).
 */
export class PrefetchedHistory implements SuppressionHistory {
  private readonly lastOpened = new Map<string, Date>();
  private readonly openings: Array<{ rule: string; at: Date }> = [];

  constructor(lastOpened: Iterable<[string, Date]>, openings: Iterable<{ rule: string; at: Date }>) {
    for (const [group, at] of lastOpened) this.lastOpened.set(group, at);
    this.openings.push(...openings);
  }

  lastOpenedAt(dedupKey: string, source: string): Date | undefined {
    return this.lastOpened.get(groupKeyOf(source, dedupKey));
  }

  openedToday(rule: string, dayStart: Date): number {
    return this.openings.filter((opening) => opening.rule === rule && opening.at >= dayStart).length;
  }

  /** Records an incident opened for this alert under this rule. */
  noteOpened(event: AlertEvent, rule: string | undefined, at: Date): void {
    this.lastOpened.set(groupKeyOf(event.source, event.dedupKey), at);
    if (rule !== undefined) this.openings.push({ rule, at });
  }
}

/**
 * Loads what `decide` may ask about these events: when each of their groups last opened an incident, and the
 * incidents each rule opened since the start of the day (in `timezone`) that `now` falls in.
 */
export async function loadHistory(
  db: Kysely<Database>,
  events: readonly AlertEvent[],
  now: Date,
  timezone: string,
): Promise<PrefetchedHistory> {
  const groupKeys = [...new Set(events.map((event) => groupKeyOf(event.source, event.dedupKey)))];
  const groups =
    groupKeys.length === 0
      ? []
      : await db
          .selectFrom("alert_groups")
          .select(["group_key", "opened_at"])
          .where("group_key", "in", groupKeys)
          .where("opened_at", "is not", null)
          .execute();
  const dayStart = startOfLocalDay(now, timezone).toISOString();
  const opened = await db
    .selectFrom("alerts")
    .select(["rule", "received_at"])
    .where("decision", "=", "open_incident")
    .where("rule", "is not", null)
    .where("received_at", ">=", dayStart)
    .execute();
  return new PrefetchedHistory(
    groups.map((group) => [group.group_key, new Date(group.opened_at ?? 0)] as [string, Date]),
    opened.map((alert) => ({ rule: alert.rule ?? "", at: new Date(alert.received_at) })),
  );
}
