import type { Hono } from "hono";
import { type AppContext, type AppEnv, type Deps, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import { dateWindow, requireOp } from "../filters.js";
import type { WorkflowRunRecord } from "../model-workflows.js";
import { parsePageSize } from "../pagination.js";
import { renderWorkflowRun, renderWorkflowShow, renderWorkflowSlim } from "../workflows.js";
import { visibleIncident } from "./incidents.js";

const FILTER_KEY = /^([a-z_]+)\[([^[\]]*)\]$/;

/** Workflows V2 (list, show) and WorkflowRuns V2 (list, show): read only. */
export function workflowRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v2/workflows", (c) => {
    requireScope(c, "workflows.view");
    return c.json({ workflows: state.list("workflows").map(renderWorkflowSlim) });
  });

  app.get("/v2/workflows/:id", (c) => {
    requireScope(c, "workflows.view");
    const skip = c.req.query("skip_step_upgrades");
    if (skip !== undefined && skip !== "true" && skip !== "false") {
      throw validationError("skip_step_upgrades", "skip_step_upgrades must be true or false.");
    }
    const workflow = state.get("workflows", c.req.param("id"));
    if (!workflow) throw notFound("workflow", c.req.param("id"));
    return c.json(renderWorkflowShow(workflow));
  });

  app.get("/v2/workflow_runs", (c) => {
    requireScope(c, "workflows.view");
    const params = new URL(c.req.url).searchParams;
    const pageSize = parsePageSize(params.get("page_size"), 50);
    const matches = runFilter(params);
    const newestFirst = state.list("workflow_runs").sort(newestRunFirst);
    let start = 0;
    const after = params.get("after");
    if (after !== null) {
      // The description: "An `after` that isn't a run in your organisation returns 404."
      const index = newestFirst.findIndex((run) => run.id === after);
      if (index < 0) throw notFound("workflow run", after);
      start = index + 1;
    }
    let total = 0;
    const page: WorkflowRunRecord[] = [];
    let more = false;
    newestFirst.forEach((run, i) => {
      // Cancelled runs are never listed.
      if (run.cancelled_at !== undefined || !matches(run) || !visibleRun(c, run)) return;
      total++;
      if (i < start) return;
      if (page.length < pageSize) page.push(run);
      else more = true;
    });
    const last = page[page.length - 1];
    return c.json({
      workflow_runs: page.map((run) => renderWorkflowRun(state, run)),
      pagination_meta: {
        ...(more && last ? { after: last.id } : {}),
        page_size: pageSize,
        total_record_count: total,
      },
    });
  });

  app.get("/v2/workflow_runs/:id", (c) => {
    requireScope(c, "workflows.view");
    const run = state.get("workflow_runs", c.req.param("id"));
    if (!run || !visibleRun(c, run)) throw notFound("workflow run", c.req.param("id"));
    return c.json({ workflow_run: renderWorkflowRun(state, run) });
  });

  /** A run for a private incident is as hidden as the incident. */
  function visibleRun(c: AppContext, run: WorkflowRunRecord): boolean {
    return (
      run.incident_id === undefined ||
      visibleIncident(c, state.get("incidents", run.incident_id)) !== undefined
    );
  }
}

/** `workflow_id`, `incident_id` and `created_at[gte|lte|date_range]`, all of which must hold. */
function runFilter(params: URLSearchParams): (run: WorkflowRunRecord) => boolean {
  const tests: ((run: WorkflowRunRecord) => boolean)[] = [];
  const workflowId = params.get("workflow_id") || undefined;
  if (workflowId !== undefined) tests.push((run) => run.workflow_id === workflowId);
  const incidentId = params.get("incident_id") || undefined;
  if (incidentId !== undefined) tests.push((run) => run.incident_id === incidentId);
  for (const [key, value] of params) {
    const [, name, op = ""] = FILTER_KEY.exec(key) ?? [];
    if (name !== "created_at") continue;
    requireOp("created_at", op, ["gte", "lte", "date_range"]);
    const window = dateWindow("created_at", op, value);
    tests.push((run) => {
      const at = Date.parse(run.created_at);
      return at >= window.from && at < window.until;
    });
  }
  return (run) => tests.every((test) => test(run));
}

function newestRunFirst(a: WorkflowRunRecord, b: WorkflowRunRecord): number {
  if (a.created_at !== b.created_at) return Date.parse(b.created_at) - Date.parse(a.created_at);
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
