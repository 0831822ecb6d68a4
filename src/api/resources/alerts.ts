import { type AlertsListFilter, alertsListQuery } from "../alert-filters.js";
import { type Caller, segment } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import { type Alert, AlertResult, AlertsListResult } from "../types/alerts.js";
import type { PaginationMeta } from "../types/common.js";

/** incident.io's largest page of alerts. */
export const ALERTS_MAX_PAGE_SIZE = 50;

export interface AlertsPage {
  alerts: Alert[];
  paginationMeta: PaginationMeta;
}

/** Alerts (v2): what incident.io's alert sources made of the events they received. */
export class Alerts {
  constructor(private readonly caller: Caller) {}

  /** One page (`page_size` is required by this endpoint: 50 unless given), for callers that keep their own cursor. */
  async listPage(
    filter: AlertsListFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<AlertsPage> {
    const result = await this.caller.json(AlertsListResult, "GET", "/v2/alerts", {
      query: {
        page_size: checkPageSize(options.pageSize ?? ALERTS_MAX_PAGE_SIZE, ALERTS_MAX_PAGE_SIZE),
        after: options.after,
        ...alertsListQuery(filter),
      },
    });
    return { alerts: result.alerts, paginationMeta: result.pagination_meta };
  }

  /** Every matching alert over all pages, up to `limit`. */
  list(
    filter: AlertsListFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<Alert> {
    const pageSize = checkPageSize(options.pageSize ?? ALERTS_MAX_PAGE_SIZE, ALERTS_MAX_PAGE_SIZE);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.alerts, after: page.paginationMeta.after };
    }, options.limit);
  }

  async show(id: string): Promise<Alert> {
    return (await this.caller.json(AlertResult, "GET", `/v2/alerts/${segment(id)}`)).alert;
  }
}
