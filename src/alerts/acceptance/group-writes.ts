import type { Insertable, Kysely } from "kysely";
import type { AlertGroupsTable, Database } from "../../store/index.js";
import type { AlertGroup } from "../groups.js";
import { chunks } from "./chunks.js";

type GroupRow = Insertable<AlertGroupsTable>;
type GroupColumn = keyof AlertGroupsTable;

/**
 * The group rows a batch writes: new groups inserted, known ones changed; each written once, at the end.
 * Changes are written a statement per set of columns changed (a repeat changes when the group last fired, a
 * close its state), not one per group: each statement an upsert of the changed groups whose update sets those
 * columns only, so a column another writer changes meanwhile (the incident a delivered declare made) is left alone.
 */
export class GroupWrites {
  private readonly inserts = new Map<string, GroupRow>();
  private readonly updates = new Map<string, { group: AlertGroup; values: Partial<GroupRow> }>();

  insert(row: GroupRow): void {
    this.inserts.set(row.group_key, row);
  }

  /** Changes `group`, a group read from the database or inserted by this batch. */
  set(group: AlertGroup, values: Partial<GroupRow>): void {
    const inserted = this.inserts.get(group.group_key);
    if (inserted) {
      Object.assign(inserted, values);
      return;
    }
    const update = this.updates.get(group.group_key);
    if (update) Object.assign(update.values, values);
    else this.updates.set(group.group_key, { group, values: { ...values } });
  }

  async write(db: Kysely<Database>): Promise<void> {
    for (const chunk of chunks([...this.inserts.values()]))
      await db.insertInto("alert_groups").values(chunk).execute();
    const bySet = new Map<string, { columns: GroupColumn[]; rows: GroupRow[] }>();
    for (const { group, values } of this.updates.values()) {
      const columns = (Object.keys(values) as GroupColumn[]).sort();
      const signature = columns.join(",");
      const rows = bySet.get(signature)?.rows ?? [];
      if (rows.length === 0) bySet.set(signature, { columns, rows });
      rows.push({ ...group, ...values });
    }
    for (const { columns, rows } of bySet.values()) {
      for (const chunk of chunks(rows)) {
        await db
          .insertInto("alert_groups")
          .values(chunk)
          .onConflict((oc) =>
            oc
              .column("group_key")
              .doUpdateSet((eb) =>
                Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)])),
              ),
          )
          .execute();
      }
    }
  }
}
