import { type Incident, IncidentKitError, type IncidentUpdate } from "../api/index.js";
import type { OpsSession } from "./session.js";
import type { Existed, ExistedBefore } from "./write-once.js";

/**
 * The newest records, read just before a create whose resource incident.io cannot look up by its idempotency key
 * (incidents, incident updates), to tell whether the record the create answers was there before it. Lists come
 * newest first, so one page is enough: a record made by the create is newer than everything on it, and one that
 * was there is on it or older than all of it. Only incident.io's own times are compared, never this machine's.
 */

const PAGE_SIZE = 25;

interface Listed {
  id: string;
  created_at: string;
}

/** What the newest page of a list says of a record read afterwards. */
function judgeBy(page: { items: Listed[]; complete: boolean }): (record: Listed) => Existed {
  const ids = new Set(page.items.map((item) => item.id));
  const oldest = page.items.at(-1);
  return (record) => {
    if (ids.has(record.id)) return true;
    if (page.complete || oldest === undefined) return false;
    const made = Date.parse(record.created_at);
    const edge = Date.parse(oldest.created_at);
    // Made at the very moment of the oldest listed, it could have been left off the page or be new.
    return made === edge ? "unknown" : made < edge;
  };
}

const ALL_MODES = ["standard", "retrospective", "test", "tutorial"];

/** The newest incidents of every mode (a list leaves test incidents out unless asked). */
export async function incidentsBefore(s: OpsSession): Promise<ExistedBefore<Incident>> {
  const page = await s.io.incidents.listPage(
    { mode: { one_of: ALL_MODES }, sort_by: "created_at_newest_first" },
    { pageSize: PAGE_SIZE },
  );
  const judge = judgeBy({ items: page.incidents, complete: page.paginationMeta?.after === undefined });
  return async (incident) => {
    const existed = judge(incident);
    if (existed !== false || incident.visibility !== "private") return existed;
    // A key that may not see private incidents lists none: not listed is then no sign it was not there.
    return (await visible(s, incident.id)) ? false : "unknown";
  };
}

async function visible(s: OpsSession, id: string): Promise<boolean> {
  try {
    await s.io.incidents.show(id);
    return true;
  } catch (error) {
    if (error instanceof IncidentKitError && (error.code === "not_found" || error.code === "forbidden")) {
      return false;
    }
    throw error;
  }
}

/** The newest updates of one incident; an update of another incident was there before, not made now. */
export async function updatesBefore(
  s: OpsSession,
  incidentId: string,
): Promise<ExistedBefore<IncidentUpdate>> {
  const page = await s.io.incidentUpdates.listPage({ incidentId }, { pageSize: PAGE_SIZE });
  const judge = judgeBy({ items: page.incidentUpdates, complete: page.paginationMeta?.after === undefined });
  return async (update) => (update.incident_id === incidentId ? judge(update) : true);
}
