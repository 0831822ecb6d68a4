import { type Caller, segment } from "../caller.js";
import { type IncidentsListFilter, incidentsListQuery } from "../filters.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { PaginationMeta } from "../types/common.js";
import type { Incident } from "../types/incident.js";
import type {
  IncidentRoleAssignmentPayload,
  IncidentsCreatePayload,
  IncidentsEditPayload,
} from "../types/payloads.js";
import { IncidentResult, IncidentsListResult } from "../types/results.js";

export interface IncidentsPage {
  incidents: Incident[];
  paginationMeta?: PaginationMeta | undefined;
}

/** `123`, `"123"` and `"INC-123"` all name incident 123; anything else is taken as an incident ID. */
export function incidentPathId(idOrNumber: string | number): string {
  if (typeof idOrNumber === "number") return String(idOrNumber);
  const reference = /^[A-Za-z]+-(\d+)$/.exec(idOrNumber.trim());
  return reference?.[1] ?? idOrNumber.trim();
}

/** Incidents (v2). */
export class Incidents {
  constructor(private readonly caller: Caller) {}

  /** One page, for callers that keep their own cursor. */
  async listPage(
    filter: IncidentsListFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<IncidentsPage> {
    const result = await this.caller.json(IncidentsListResult, "GET", "/v2/incidents", {
      query: {
        page_size: checkPageSize(options.pageSize),
        after: options.after,
        ...incidentsListQuery(filter),
      },
    });
    return { incidents: result.incidents, paginationMeta: result.pagination_meta };
  }

  /** Every matching incident over all pages (newest first unless `sort_by` says otherwise), up to `limit`. */
  list(
    filter: IncidentsListFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<Incident> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.incidents, after: page.paginationMeta?.after };
    }, options.limit);
  }

  /** By ID, or by the number of its reference (`123` or `"INC-123"`). */
  async show(idOrNumber: string | number): Promise<Incident> {
    const result = await this.caller.json(
      IncidentResult,
      "GET",
      `/v2/incidents/${segment(incidentPathId(idOrNumber))}`,
    );
    return result.incident;
  }

  /** Declares an incident. Retried safely: incident.io de-duplicates on `idempotency_key`. */
  create(body: IncidentsCreatePayload): Promise<{ incident: Incident }> {
    return this.caller.json(IncidentResult, "POST", "/v2/incidents", { body, idempotent: true });
  }

  /** Changes only the fields given in `body.incident`. Not retried on 5xx: it may have been applied. */
  edit(id: string, body: IncidentsEditPayload): Promise<{ incident: Incident }> {
    return this.caller.json(IncidentResult, "POST", `/v2/incidents/${segment(id)}/actions/edit`, { body });
  }

  /**
   * Gives an incident role (the lead, …) to a user named by ID, email or Slack user ID, through the edit operation;
   * whoever held it before no longer does. Retried safely: assigning the same person again changes nothing. The
   * channel hears of it only when `notify` is true.
   */
  assignRole(
    id: string,
    roleId: string,
    assignee: NonNullable<IncidentRoleAssignmentPayload["assignee"]>,
    options: { notify?: boolean | undefined } = {},
  ): Promise<{ incident: Incident }> {
    return this.setRole(id, { incident_role_id: roleId, assignee }, options.notify);
  }

  /** Leaves an incident role unassigned. Retried safely, as `assignRole`. */
  unassignRole(
    id: string,
    roleId: string,
    options: { notify?: boolean | undefined } = {},
  ): Promise<{ incident: Incident }> {
    return this.setRole(id, { incident_role_id: roleId }, options.notify);
  }

  private setRole(
    id: string,
    assignment: IncidentRoleAssignmentPayload,
    notify = false,
  ): Promise<{ incident: Incident }> {
    const body: IncidentsEditPayload = {
      notify_incident_channel: notify,
      incident: { incident_role_assignments: [assignment] },
    };
    return this.caller.json(IncidentResult, "POST", `/v2/incidents/${segment(id)}/actions/edit`, {
      body,
      idempotent: true,
    });
  }
}
