import type { Transaction } from "kysely";
import type { Incident } from "../api/index.js";
import type { Database } from "../store/index.js";
import { flattenIncident } from "./flatten.js";
import type { MirroredIncident } from "./incident.js";
import { upsertMirroredIncident } from "./incident-store.js";
import { noteSeen } from "./sync-state.js";

export interface WrittenPage {
  incidents: MirroredIncident[];
  /** How many rows were written (the rest were older than the copies already mirrored). */
  written: number;
  /** The newest `updated_at` on the page. */
  newest: string | undefined;
}

/** Flattens and upserts one page of incidents inside `trx`, raising the account's newest-seen mark. */
export async function writePage(
  trx: Transaction<Database>,
  account: string,
  page: readonly Incident[],
  ranks: ReadonlyMap<string, number>,
  at: string,
): Promise<WrittenPage> {
  const incidents = page.map((incident) => flattenIncident(incident, { account, severityRanks: ranks }));
  let written = 0;
  let newest: string | undefined;
  for (const [index, incident] of incidents.entries()) {
    if (await upsertMirroredIncident(trx, incident, page[index], at)) written++;
    if (newest === undefined || incident.updatedAt > newest) newest = incident.updatedAt;
  }
  await noteSeen(trx, account, newest);
  return { incidents, written, newest };
}
