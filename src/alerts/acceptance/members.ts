import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../store/index.js";
import { chunks } from "./chunks.js";
import type { Placed } from "./place.js";

type MemberRow = Insertable<Database["alert_group_members"]>;
type Member = Pick<MemberRow, "status" | "title" | "updated_at">;

/** A batch's view of its several-alert groups, once the batch is counted. */
export interface BatchMembers {
  /** How many of the group's alerts still fire after this batch. */
  firing(key: string): number;
  /** Whether this alert is the last of the batch to stop firing in its group: the one that may close it. */
  closesAt(key: string, index: number): boolean;
}

/**
 * The members of the several-alert groups a batch touches: each group's stored members read once, then the
 * batch's word on them applied, so each group's firing count is worked out once for the batch, not per alert.
 */
export class MemberStatuses {
  /** Per group, each member's status by dedup key: as stored, then as the batch left it. */
  private readonly statuses = new Map<string, Map<string, string>>();
  /** Per group, the members the batch changed: the rows to write. */
  private readonly changed = new Map<string, Map<string, Member>>();

  static async load(db: Kysely<Database>, placed: readonly Placed[]): Promise<MemberStatuses> {
    const members = new MemberStatuses();
    const keys = [...new Set(placed.filter((p) => p.place.several).map((p) => p.place.key))];
    for (const key of keys) members.statuses.set(key, new Map());
    for (const chunk of chunks(keys)) {
      const rows = await db
        .selectFrom("alert_group_members")
        .select(["group_key", "dedup_key", "status"])
        .where("group_key", "in", chunk)
        .execute();
      for (const row of rows) members.statuses.get(row.group_key)?.set(row.dedup_key, row.status);
    }
    return members;
  }

  /** Applies the batch's alerts (received at `at`) and answers for the batch. */
  apply(placed: readonly Placed[], at: string): BatchMembers {
    const touched = new Set<string>();
    const lastResolved = new Map<string, number>();
    placed.forEach((p, index) => {
      if (!p.place.several) return;
      const key = p.place.key;
      const status = p.event.status === "firing" ? "firing" : "resolved";
      touched.add(key);
      this.statuses.get(key)?.set(p.event.dedupKey, status);
      let group = this.changed.get(key);
      if (!group) {
        group = new Map();
        this.changed.set(key, group);
      }
      group.set(p.event.dedupKey, { status, title: p.event.title, updated_at: at });
      if (status === "resolved") lastResolved.set(key, index);
    });
    const firingCount = new Map<string, number>();
    for (const key of touched) {
      let firing = 0;
      for (const status of this.statuses.get(key)?.values() ?? []) if (status === "firing") firing += 1;
      firingCount.set(key, firing);
    }
    return {
      firing: (key) => firingCount.get(key) ?? 0,
      closesAt: (key, index) => lastResolved.get(key) === index,
    };
  }

  /** The members the batch has firing, to write. */
  firingRows(): MemberRow[] {
    return [...this.changed].flatMap(([key, group]) =>
      [...group]
        .filter(([, member]) => member.status === "firing")
        .map(([dedupKey, member]) => ({ group_key: key, dedup_key: dedupKey, ...member })),
    );
  }

  /**
   * Per group, the members the batch resolved, to delete: a group's stored members are its firing alerts only, so
   * the table holds what fires now, not every alert a group ever had.
   */
  resolved(): Array<[string, string[]]> {
    return [...this.changed].flatMap(([key, group]): Array<[string, string[]]> => {
      const dedupKeys = [...group]
        .filter(([, member]) => member.status === "resolved")
        .map(([dedupKey]) => dedupKey);
      return dedupKeys.length > 0 ? [[key, dedupKeys]] : [];
    });
  }
}
