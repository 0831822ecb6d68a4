import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { AlertGroupsTable, Database } from "../store/index.js";

export type AlertGroup = Selectable<AlertGroupsTable>;

/** The key an alert group is stored under: its source and dedup key. */
export function groupKeyOf(source: string, dedupKey: string): string {
  return `${source}:${dedupKey}`;
}

/**
 * The idempotency key of the declare for one generation of a group. Derived, never random, so a retried or
 * restarted delivery asks incident.io for the same incident and gets the one it already made. Salted with the
 * database's install ID, so a hub started afresh on a new database is never handed an old database's incident.
 */
export function declareIdempotencyKey(installId: string, groupKey: string, generation: number): string {
  const digest = createHash("sha256").update(`${installId}#${groupKey}#${generation}`).digest("hex");
  return `incidentkit-alert-${digest.slice(0, 32)}`;
}

export async function findGroup(db: Kysely<Database>, groupKey: string): Promise<AlertGroup | undefined> {
  return db.selectFrom("alert_groups").selectAll().where("group_key", "=", groupKey).executeTakeFirst();
}

/** How history names the group's incident: its reference once declared. */
export function incidentLabel(group: AlertGroup, declarePending: boolean): string {
  if (declarePending) return "incident being declared";
  return group.incident_reference ?? group.incident_id ?? "the group's last incident";
}
