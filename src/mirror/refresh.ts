import { type Clock, systemClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import type { MirroredIncident } from "./incident.js";
import { getMirroredIncident } from "./incident-store.js";
import type { MirrorSource } from "./source.js";
import { syncRow } from "./sync-state.js";
import { isoAt } from "./time.js";
import { writePage } from "./write-page.js";

/**
 * Fetches one incident (`GET /v2/incidents/{id}`) and upserts it; resolves with the mirror's copy afterwards,
 * which is the newer of the two. For webhooks: incident.io sends private incidents as an ID only, and delivers
 * events in any order, so the receiver re-reads the incident instead of trusting the event's copy. One request:
 * the severity's rank is the one embedded in the incident, which the API renders from the severity as it is now.
 */
export async function refreshIncident(
  store: Store,
  source: MirrorSource,
  incidentId: string,
  options: { clock?: Clock } = {},
): Promise<MirroredIncident | undefined> {
  const clock = options.clock ?? systemClock;
  const incident = await source.io.incidents.show(incidentId);
  await syncRow(store.db, source.alias);
  const at = isoAt(clock.now());
  await store.write((trx) => writePage(trx, source.alias, [incident], new Map(), at));
  return getMirroredIncident(store.db, { account: source.alias, id: incident.id });
}
