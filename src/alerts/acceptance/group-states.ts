import type { Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import { ShapedQuery } from "../../store/shaped-query.js";
import type { AlertGroup } from "../groups.js";

export interface GroupState {
  group: AlertGroup;
  /** Whether the group's declare is waiting in the outbox, not yet delivered or given up. */
  declarePending: boolean;
}

/** The groups of `keys`, each with whether its declare is pending: compiled once per number of keys. */
const groupsRead = new ShapedQuery({
  shape: (keys: readonly string[]) => keys.length,
  build: (db: Kysely<Database>, keys: readonly string[]) =>
    db
      .selectFrom("alert_groups as g")
      .selectAll("g")
      .select(({ exists, selectFrom }) =>
        exists(
          selectFrom("outbox as o")
            .select("o.id")
            .whereRef("o.group_key", "=", "g.group_key")
            .where("o.kind", "=", "declare")
            .where("o.state", "=", "pending"),
        ).as("declare_pending"),
      )
      .where("g.group_key", "in", keys),
  parameters: (keys: readonly string[]) => ["declare", "pending", ...keys],
});

/**
 * The alert groups one intake request touches, each read once with whether its declare is pending: one query for
 * the request, not two per alert. A group the request changes is forgotten and read again when next asked for.
 */
export class GroupStates {
  private readonly known = new Map<string, GroupState | null>();

  private constructor(private readonly db: Kysely<Database>) {}

  static async load(db: Kysely<Database>, groupKeys: readonly string[]): Promise<GroupStates> {
    const states = new GroupStates(db);
    const keys = [...new Set(groupKeys)];
    for (const key of keys) states.known.set(key, null);
    if (keys.length > 0)
      for (const state of await states.read(keys)) states.known.set(state.group.group_key, state);
    return states;
  }

  /** When each of the loaded groups last opened an incident, for the rules' cooldowns. */
  lastOpened(): Array<[string, Date]> {
    const opened: Array<[string, Date]> = [];
    for (const [key, state] of this.known) {
      if (state?.group.opened_at) opened.push([key, new Date(state.group.opened_at)]);
    }
    return opened;
  }

  async get(groupKey: string): Promise<GroupState | undefined> {
    if (!this.known.has(groupKey)) {
      const [state] = await this.read([groupKey]);
      this.known.set(groupKey, state ?? null);
    }
    return this.known.get(groupKey) ?? undefined;
  }

  /** What the request made of this group, for its later alerts. */
  set(groupKey: string, state: GroupState): void {
    this.known.set(groupKey, state);
  }

  private async read(keys: readonly string[]): Promise<GroupState[]> {
    const rows = await groupsRead.execute(this.db, keys);
    return rows.map(({ declare_pending, ...group }) => ({ group, declarePending: Boolean(declare_pending) }));
  }
}
