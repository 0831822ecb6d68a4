import { type Kysely, sql } from "kysely";
import type { Database } from "../store/index.js";
import type { AlertEvent } from "./event.js";
import { groupKeyOf } from "./groups.js";
import type { SuppressionHistory } from "./rules/index.js";
import { startOfLocalDay } from "./rules/time-zone.js";

/**
 * The rules' history, answered synchronously from facts loaded beforehand, and kept current as the caller opens
 * more incidents in the same batch (`noteOpened`). Daily counts are those of the day the history was loaded for.
 */
export class PrefetchedHistory implements SuppressionHistory {
  private readonly lastOpened = new Map<string, Date>();
  private readonly openedByRule = new Map<string, number>();

  /** The group each alert belongs to, by source and dedup key, when not its own: its cooldown is the group's. */
  private readonly groupOf = new Map<string, string>();

  constructor(lastOpened: Iterable<[string, Date]>, openedByRule: Iterable<[string, number]>) {
    for (const [group, at] of lastOpened) this.lastOpened.set(group, at);
    for (const [rule, count] of openedByRule) this.openedByRule.set(rule, count);
  }

  /** The alert belongs to this group. */
  placeIn(event: AlertEvent, groupKey: string): void {
    this.groupOf.set(groupKeyOf(event.source, event.dedupKey), groupKey);
  }

  private keyOf(source: string, dedupKey: string): string {
    const own = groupKeyOf(source, dedupKey);
    return this.groupOf.get(own) ?? own;
  }

  lastOpenedAt(dedupKey: string, source: string): Date | undefined {
    return this.lastOpened.get(this.keyOf(source, dedupKey));
  }

  openedToday(rule: string): number {
    return this.openedByRule.get(rule) ?? 0;
  }

  /** Records an incident opened for this alert under this rule. */
  noteOpened(event: AlertEvent, rule: string | undefined, at: Date): void {
    this.lastOpened.set(this.keyOf(event.source, event.dedupKey), at);
    if (rule !== undefined) this.openedByRule.set(rule, this.openedToday(rule) + 1);
  }
}

/**
 * Loads what `decide` may ask about these events: when each of their groups last opened an incident, and how
 * many incidents each of `cappedRules` (the rules with a daily cap) opened since the start of the day (in
 * `timezone`) that `now` falls in. Both are answered from indexes, so intake does not slow as history grows.
 */
export async function loadHistory(
  db: Kysely<Database>,
  events: readonly AlertEvent[],
  now: Date,
  timezone: string,
  cappedRules: readonly string[],
  /** When each of the events' groups last opened an incident, if the caller has read them already. */
  lastOpened?: Iterable<[string, Date]>,
): Promise<PrefetchedHistory> {
  const groupKeys = [...new Set(events.map((event) => groupKeyOf(event.source, event.dedupKey)))];
  const groups =
    lastOpened ??
    (groupKeys.length === 0
      ? []
      : (
          await db
            .selectFrom("alert_groups")
            .select(["group_key", "opened_at"])
            .where("group_key", "in", groupKeys)
            .where("opened_at", "is not", null)
            .execute()
        ).map((group) => [group.group_key, new Date(group.opened_at ?? 0)] as [string, Date]));
  const opened =
    cappedRules.length === 0
      ? []
      : await db
          .selectFrom("alerts")
          .select(["rule", (eb) => eb.fn.countAll<number>().as("count")])
          // A literal, not a bound value, so SQLite uses the index of the alerts that opened incidents only.
          .where("decision", "=", sql.lit("open_incident"))
          .where("received_at", ">=", startOfLocalDay(now, timezone).toISOString())
          .where("rule", "in", cappedRules)
          .groupBy("rule")
          .execute();
  return new PrefetchedHistory(
    groups,
    opened.map((row) => [row.rule ?? "", Number(row.count)] as [string, number]),
  );
}
