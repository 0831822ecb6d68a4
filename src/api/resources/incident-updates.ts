import type { Caller } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { PaginationMeta } from "../types/common.js";
import type { IncidentUpdate } from "../types/incident.js";
import type { IncidentUpdatesCreatePayload } from "../types/payloads.js";
import { IncidentUpdateResult, IncidentUpdatesListResult } from "../types/results.js";

export interface IncidentUpdatesFilter {
  /** Only this incident's updates; otherwise every incident's. */
  incidentId?: string;
}

export interface IncidentUpdatesPage {
  incidentUpdates: IncidentUpdate[];
  paginationMeta?: PaginationMeta | undefined;
}

/** Incident updates (v2): status/severity changes and posted messages. */
export class IncidentUpdates {
  constructor(private readonly caller: Caller) {}

  async listPage(
    filter: IncidentUpdatesFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<IncidentUpdatesPage> {
    const result = await this.caller.json(IncidentUpdatesListResult, "GET", "/v2/incident_updates", {
      query: {
        incident_id: filter.incidentId,
        page_size: checkPageSize(options.pageSize),
        after: options.after,
      },
    });
    return { incidentUpdates: result.incident_updates, paginationMeta: result.pagination_meta };
  }

  list(
    filter: IncidentUpdatesFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<IncidentUpdate> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.incidentUpdates, after: page.paginationMeta?.after };
    }, options.limit);
  }

  /** Posts an update (the live API's `POST /v2/incident_updates`). Retried safely on its `idempotency_key`. */
  create(body: IncidentUpdatesCreatePayload): Promise<{ incident_update: IncidentUpdate }> {
    return this.caller.json(IncidentUpdateResult, "POST", "/v2/incident_updates", { body, idempotent: true });
  }
}
