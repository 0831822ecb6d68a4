import type { IncidentIo, IncidentsListFilter } from "../api/index.js";
import { Lookups } from "../ops/index.js";

/** One incident.io account the mirror reads: its alias and a client. An `OpsSession` is one. */
export interface MirrorSource {
  readonly alias: string;
  readonly io: IncidentIo;
}

/**
 * The incidents the mirror lists: every mode (the API leaves out test and tutorial incidents unless asked), oldest
 * first, so incidents declared while a backfill runs land on its last pages instead of before its cursor.
 */
export const MIRROR_LIST_FILTER: IncidentsListFilter = {
  mode: { one_of: ["standard", "retrospective", "test", "tutorial"] },
  sort_by: "created_at_oldest_first",
};

/** The most a page may hold on `GET /v2/incidents`. */
export const MIRROR_PAGE_SIZE = 250;

/**
 * The organisation's severity ranks by ID, listed (`GET /v1/severities`) on first use only, so a pass that finds
 * nothing to write costs no call. One per backfill or reconciliation: ranks change when severities are reordered.
 */
export function severityRanks(source: MirrorSource): () => Promise<ReadonlyMap<string, number>> {
  let loading: Promise<ReadonlyMap<string, number>> | undefined;
  return () => {
    loading ??= new Lookups(source.io)
      .severities()
      .then((severities) => new Map(severities.map((severity) => [severity.id, severity.rank])));
    return loading;
  };
}
