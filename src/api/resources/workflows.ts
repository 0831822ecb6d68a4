import { type Caller, segment } from "../caller.js";
import { type DateFilter, dateFilter } from "../filters.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { PaginationMeta } from "../types/common.js";
import {
  type WorkflowRun,
  WorkflowRunResult,
  WorkflowRunsListResult,
  type WorkflowShowResult,
  WorkflowShowResult as WorkflowShowSchema,
  type WorkflowSlim,
  WorkflowsListResult,
} from "../types/workflows.js";

/** incident.io's largest page of workflow runs. */
export const WORKFLOW_RUNS_MAX_PAGE_SIZE = 50;

/** Workflows (v2), read only: what fires on which trigger and conditions, and what it does. */
export class Workflows {
  constructor(private readonly caller: Caller) {}

  /** Every workflow (the list is not paginated), steps by name only. */
  async list(): Promise<WorkflowSlim[]> {
    return (await this.caller.json(WorkflowsListResult, "GET", "/v2/workflows")).workflows;
  }

  /** One workflow with its steps' parameters, and whether it is managed in the dashboard or as code. */
  async show(id: string): Promise<WorkflowShowResult> {
    return this.caller.json(WorkflowShowSchema, "GET", `/v2/workflows/${segment(id)}`);
  }
}

export interface WorkflowRunsFilter {
  workflowId?: string;
  incidentId?: string;
  createdAt?: DateFilter;
}

export interface WorkflowRunsPage {
  workflowRuns: WorkflowRun[];
  paginationMeta?: PaginationMeta | undefined;
}

/** Workflow runs (v2), newest first; cancelled runs are never listed, though `show` returns them. */
export class WorkflowRuns {
  constructor(private readonly caller: Caller) {}

  async listPage(
    filter: WorkflowRunsFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<WorkflowRunsPage> {
    const result = await this.caller.json(WorkflowRunsListResult, "GET", "/v2/workflow_runs", {
      query: {
        workflow_id: filter.workflowId,
        incident_id: filter.incidentId,
        created_at: dateFilter(filter.createdAt),
        page_size: checkPageSize(options.pageSize, WORKFLOW_RUNS_MAX_PAGE_SIZE),
        after: options.after,
      },
    });
    return { workflowRuns: result.workflow_runs, paginationMeta: result.pagination_meta };
  }

  list(
    filter: WorkflowRunsFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<WorkflowRun> {
    const pageSize = checkPageSize(
      options.pageSize ?? WORKFLOW_RUNS_MAX_PAGE_SIZE,
      WORKFLOW_RUNS_MAX_PAGE_SIZE,
    );
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.workflowRuns, after: page.paginationMeta?.after };
    }, options.limit);
  }

  async show(id: string): Promise<WorkflowRun> {
    return (await this.caller.json(WorkflowRunResult, "GET", `/v2/workflow_runs/${segment(id)}`))
      .workflow_run;
  }
}
